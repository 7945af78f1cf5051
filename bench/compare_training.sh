#!/usr/bin/env bash
# Back-to-back timing of `likely train` against its peers on Fashion-MNIST (issue 5 benchmarks):
#   1. seconds per epoch, softmax regression and MLP 784-256-128-10, Adam lr 1e-3, batch 128, seed 1:
#      likely (2 threads) vs PyTorch with torch.set_num_threads(1) and (2), OpenBLAS with its own CPU detection;
#   2. full-batch softmax regression: likely --solver lbfgs (100 and 120 iterations: its float32 path needs a few more
#      iterations to reach scikit-learn's objective) vs scikit-learn LogisticRegression(lbfgs, C=1, max_iter=100).
# Each configuration runs EPOCHS epochs (default 3); the per-epoch figure is the median over epochs 2..EPOCHS (epoch 1
# includes JIT warm-up for likely and allocator warm-up for PyTorch). Prints JSON lines; summarise with the python at the end.
# Usage: bench/compare_training.sh [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-3}
dotnet build src/Likely.Cli -c Release -v quiet -nologo > /dev/null
likely=(dotnet src/Likely.Cli/bin/Release/net10.0/Likely.Cli.dll)
out=${OUT:-$(mktemp -d)}
peer_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
# The machine and the vector path Likely runs (set LIKELY_VECTOR_PATH=vector256|vector128 to measure a narrower one).
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, flags: $(grep -o -w -E 'avx512f|avx2|fma' /proc/cpuinfo | sort -u | tr '\n' ' ')"
"${likely[@]}" info | sed -n 's/^vector path: */likely vector path: /p'
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for model in softmax mlp; do
  hidden=(); [[ $model == mlp ]] && hidden=(--hidden 256,128 --activation relu)
  "${likely[@]}" train --data fashion-mnist --architecture $model "${hidden[@]}" --epochs "$epochs" --batch 128 --optimizer adam --lr 1e-3 --seed 1 --json > "$out/likely-$model.jsonl"
  for threads in 1 2; do
    "${peer_env[@]}" /usr/bin/python3 bench/torch_train.py --model $model --epochs "$epochs" --threads $threads > "$out/torch-$model-$threads.jsonl"
  done
done
for iterations in 100 120; do
  "${likely[@]}" train --data fashion-mnist --architecture softmax --solver lbfgs --max-iterations $iterations --inverse-regularization 1 --json > "$out/likely-lbfgs-$iterations.jsonl"
done
"${peer_env[@]}" /usr/bin/python3 bench/sklearn_logistic.py bench > "$out/sklearn-lbfgs.jsonl"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" <<'PY'
import json, statistics, sys, os
out = sys.argv[1]
def lines(name): return [json.loads(l) for l in open(os.path.join(out, name)) if l.strip()]
for model in ("softmax", "mlp"):
    ours = [l["seconds"] for l in lines(f"likely-{model}.jsonl") if l["type"] == "epoch"]
    ours_median = statistics.median(ours[1:] or ours)
    print(f"{model}: likely {ours_median:.3f} s/epoch (epochs {', '.join(f'{s:.2f}' for s in ours)})")
    for threads in (1, 2):
        rows = lines(f"torch-{model}-{threads}.jsonl")
        torch = [l["seconds"] for l in rows if l["type"] == "epoch"]
        med = statistics.median(torch[1:] or torch)
        summary = rows[-1]
        print(f"{model}: torch {threads} thread(s) {med:.3f} s/epoch (epochs {', '.join(f'{s:.2f}' for s in torch)}); "
              f"test acc {summary['test_accuracy']:.4f}, log-loss {summary['test_log_loss']:.4f}; likely/torch = {ours_median / med:.3f}")
peer = lines("sklearn-lbfgs.jsonl")[-1]
print(f"lbfgs: sklearn {peer['seconds']:.2f} s, {peer['iterations']} iterations, objective {peer['objective_sum']:.2f}, test acc {peer['test_accuracy']:.4f}")
for iterations in (100, 120):
    ours = lines(f"likely-lbfgs-{iterations}.jsonl")[-1]
    print(f"lbfgs: likely {ours['trainingSeconds']:.2f} s, {ours['lbfgsIterations']} iterations, objective {ours['lbfgsObjective']:.2f} "
          f"({'at or below' if ours['lbfgsObjective'] <= peer['objective_sum'] else 'above'} sklearn's); likely/sklearn = {ours['trainingSeconds'] / peer['seconds']:.3f}")
print("raw JSON lines in", out)
PY
