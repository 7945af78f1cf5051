#!/usr/bin/env bash
# Issue 9's side-by-side run: for each vector path (the CPU's best, then narrower ones forced with LIKELY_VECTOR_PATH),
# the matrix multiply on the MLP's shapes and 1024³ beside OpenBLAS (its own CPU detection: OPENBLAS_CORETYPE unset),
# where one MLP training step's time goes, and the whole training commands beside PyTorch and scikit-learn
# (bench/compare_training.sh). Peers run with Debian's /usr/bin/python3.
# Usage: bench/compare_paths.sh [EPOCHS] [PATHS...]   e.g. bench/compare_paths.sh 3 vector512 vector256 vector128
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-3}; shift || true
paths=("$@"); [[ ${#paths[@]} -eq 0 ]] && paths=(vector512 vector256 vector128)
dotnet build bench/Likely.Bench -c Release -v quiet -nologo > /dev/null
dotnet build src/Likely.Cli -c Release -v quiet -nologo > /dev/null
bench=(dotnet bench/Likely.Bench/bin/Release/net10.0/Likely.Bench.dll)
peer_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)"
for threads in 1 2; do
  OPENBLAS_NUM_THREADS=$threads "${peer_env[@]}" /usr/bin/python3 bench/compare_gemm.py
done
likely=(dotnet src/Likely.Cli/bin/Release/net10.0/Likely.Cli.dll)
first=1
for path in "${paths[@]}"; do
  echo "=== LIKELY_VECTOR_PATH=$path (load $(cut -d' ' -f1-3 /proc/loadavg))"
  for threads in 1 2; do LIKELY_VECTOR_PATH=$path "${bench[@]}" gemm $threads; done
  for threads in 1 2; do LIKELY_VECTOR_PATH=$path "${bench[@]}" step $threads; done
  if [[ $first == 1 ]]; then
    # The whole commands beside PyTorch and scikit-learn, once (the peers do not depend on Likely's path).
    LIKELY_VECTOR_PATH=$path bench/compare_training.sh "$epochs"
    first=0
  else
    for model in softmax mlp; do
      hidden=(); [[ $model == mlp ]] && hidden=(--hidden 256,128 --activation relu)
      LIKELY_VECTOR_PATH=$path "${likely[@]}" train --data fashion-mnist --architecture $model "${hidden[@]}" --epochs "$epochs" --batch 128 \
        --optimizer adam --lr 1e-3 --seed 1 --json 2>/dev/null | python3 -c "
import json, statistics, sys
s = [json.loads(l)['seconds'] for l in sys.stdin if l.strip() and json.loads(l).get('type') == 'epoch']
print(f'$model: likely {statistics.median(s[1:] or s):.3f} s/epoch (epochs {\", \".join(f\"{x:.2f}\" for x in s)})')"
    done
    LIKELY_VECTOR_PATH=$path "${likely[@]}" train --data fashion-mnist --architecture softmax --solver lbfgs --max-iterations 100 \
      --inverse-regularization 1 --json 2>/dev/null | tail -1 | python3 -c "
import json, sys
r = json.loads(sys.stdin.read())
print(f\"lbfgs: likely {r['trainingSeconds']:.2f} s, {r['lbfgsIterations']} iterations, objective {r['lbfgsObjective']:.2f}\")"
  fi
done
