#!/usr/bin/env bash
# A/B of `likely train` on Fashion-MNIST between two checkouts of Likely, same flags, interleaved, the order of the two
# sides alternating between repetitions. BASELINE and CHANGE are repository roots, each built with
# `dotnet build src/Likely.Cli -c Release` (for example `git worktree add ../baseline <commit>` for the baseline).
# Usage: BASELINE=../baseline CHANGE=. [REPS=6] [EPOCHS=4] [MODELS="softmax mlp"] [EXTRA="--threads 1"] bench/compare_training_before_after.sh
# Per run: the median of epochs 2..E (epoch 1 includes JIT warm-up); per side: the median over runs.
set -euo pipefail
out=${OUT:-$(mktemp -d)}; mkdir -p "$out"
declare -A root=([baseline]=${BASELINE:?set BASELINE to the baseline checkout} [main]=${CHANGE:-.})
reps=${REPS:-6}; epochs=${EPOCHS:-4}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq 1 $reps); do
  for model in ${MODELS:-softmax mlp}; do
    hidden=(); [[ $model == mlp ]] && hidden=(--hidden 256,128 --activation relu)
    sides=(baseline main); (( rep % 2 == 0 )) && sides=(main baseline)
    for side in "${sides[@]}"; do
      dotnet "${root[$side]}/src/Likely.Cli/bin/Release/net10.0/Likely.Cli.dll" train --data fashion-mnist --model $model "${hidden[@]}" \
        --epochs $epochs --batch 128 --optimizer adam --lr 1e-3 --seed 1 ${EXTRA:-} --json > "$out/$side-$model-$rep.jsonl"
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" <<'PY'
import json, glob, statistics, sys
for model in ("softmax", "mlp"):
    med = {}
    for side in ("baseline", "main"):
        per = []
        for f in sorted(glob.glob(f"{sys.argv[1]}/{side}-{model}-*.jsonl")):
            ep = [json.loads(l)["seconds"] for l in open(f) if '"epoch"' in l]
            per.append(statistics.median(ep[1:]))
        if not per: continue
        med[side] = statistics.median(per)
        print(f"{model} {side}: {', '.join(f'{x:.3f}' for x in per)} s; median {med[side]:.3f} s/epoch")
    if len(med) == 2: print(f"{model}: main/baseline = {med['main']/med['baseline']:.3f}")
PY
