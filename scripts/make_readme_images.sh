#!/usr/bin/env bash
# Makes the README's pictures with the REAL `likely` commands: a Fashion-MNIST MLP (784-256-128-10, ReLU, Adam, 10 epochs,
# a tenth of the training images held out for validation with early stopping, seed 1), then its learning curves from
# the saved model and its reliability diagram, confusion matrix and per-class cross-entropy on the 10,000 test images,
# as 800×500 PNGs in docs/images/; then the same four pictures of a digits softmax regression (Adam, 40 epochs, a fifth
# held out, seed 1) at 640×400, as docs/images/digits-softmax-*.png. Prints each command as it runs it.
# Usage: scripts/make_readme_images.sh   (needs /usr/share/datasets/fashion-mnist; about a minute on two cores)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Likely.Cli -c Release -v quiet -nologo > /dev/null
likely=(dotnet src/Likely.Cli/bin/Release/net10.0/Likely.Cli.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
images=docs/images
mkdir -p "$images"
model=$work/fashion-mlp.safetensors

run() { # prints the command as a user types it (the model in the current folder), then runs it
  echo "\$ likely ${*//$work\//}" >&2
  "${likely[@]}" "$@"
}

run train --data fashion-mnist --hidden-widths 256,128 --epochs 10 --validation 0.1 --patience 3 --seed 1 --out "$model" > /dev/null
run plot learning-curves --model "$model" --out "$images/learning-curves.png" --width 800 --height 500
run plot reliability-diagram --model "$model" --data fashion-mnist:test --out "$images/reliability.png" --width 800 --height 500
run plot confusion-matrix --model "$model" --data fashion-mnist:test --out "$images/confusion-matrix.png" --width 800 --height 500
run plot per-class-cross-entropy --model "$model" --data fashion-mnist:test --out "$images/per-class-cross-entropy.png" --width 800 --height 500
run evaluate --model "$model" --data fashion-mnist:test

digits=$work/digits-softmax.safetensors
run train --data digits --architecture softmax --epochs 40 --validation 0.2 --seed 1 --out "$digits" > /dev/null
run plot learning-curves --model "$digits" --out "$images/digits-softmax-learning-curves.png"
run plot reliability-diagram --model "$digits" --data digits:test --out "$images/digits-softmax-reliability.png"
run plot confusion-matrix --model "$digits" --data digits:test --out "$images/digits-softmax-confusion-matrix.png"
run plot per-class-cross-entropy --model "$digits" --data digits:test --out "$images/digits-softmax-per-class-cross-entropy.png"
run evaluate --model "$digits" --data digits:test
