#!/usr/bin/env bash
# Runs the REAL `likely train` and `likely evaluate` commands on the real data and checks issue 5's accuracy targets:
#   Fashion-MNIST, 10 epochs, Adam lr 1e-3, batch 128, seed 1: softmax regression test accuracy >= 0.84,
#   MLP 784-256-128-10 (ReLU) >= 0.885; embedded digits: MLP test accuracy >= 0.96.
# Prints each command, its test accuracy and cross-entropy, and exits non-zero if a target is missed.
# Usage: scripts/check_accuracy.sh [--skip-fashion]   (Fashion-MNIST needs /usr/share/datasets/fashion-mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Likely.Cli -c Release -v quiet -nologo > /dev/null
likely=(dotnet src/Likely.Cli/bin/Release/net10.0/Likely.Cli.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

check() { # name target train-args... ; evaluates on the test part of the same data
  local name=$1 target=$2 test=$3; shift 3
  echo "== $name: likely train $* --out $work/$name.safetensors"
  "${likely[@]}" train "$@" --out "$work/$name.safetensors" --json > "$work/$name.train.jsonl"
  tail -n 1 "$work/$name.train.jsonl" | python3 -c 'import json,sys; s=json.load(sys.stdin); print("   training: %.2f s, training cross-entropy %.4f nats" % (s["trainingSeconds"], s["training"]["crossEntropy"]))'
  echo "   likely evaluate --model $name.safetensors --data $test --json"
  "${likely[@]}" evaluate --model "$work/$name.safetensors" --data "$test" --json > "$work/$name.eval.json"
  python3 - "$work/$name.eval.json" "$target" "$name" <<'PY' || failed=1
import json, sys
m = json.load(open(sys.argv[1])); target = float(sys.argv[2])
ok = m["accuracy"] >= target
print("   %s: test accuracy %.4f (target >= %.3f) %s; test cross-entropy %.4f nats = %.4f bits; ECE %.4f"
      % (sys.argv[3], m["accuracy"], target, "PASS" if ok else "FAIL", m["crossEntropy"], m["crossEntropyBits"], m["expectedCalibrationError"]))
sys.exit(0 if ok else 1)
PY
}

check digits-mlp 0.96 digits:test --data digits --architecture mlp --hidden 64 --epochs 20 --batch 32 --optimizer adam --lr 1e-3 --seed 1
if [[ "${1:-}" != "--skip-fashion" ]]; then
  common=(--data fashion-mnist --epochs 10 --batch 128 --optimizer adam --lr 1e-3 --seed 1)
  check fashion-softmax 0.84 fashion-mnist:test --architecture softmax "${common[@]}"
  check fashion-mlp 0.885 fashion-mnist:test --architecture mlp --hidden 256,128 --activation relu "${common[@]}"
fi
if [[ $failed -ne 0 ]]; then echo "Some accuracy target was missed."; exit 1; fi
echo "All accuracy targets met."
