#!/bin/sh
# Whole-command timing of maximum-likelihood fits: `likely fit` against SciPy (scipy.stats.<dist>.fit) on the same CSV,
# both reading the file and fitting, run alternately in the same loop (the machine is shared and noisy: compare
# medians and the ratio, not single runs). Usage: sh bench/likelihood/fit_timing.sh [runs]
set -e
runs=${1:-5}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=$(mktemp -d)
/usr/bin/python3 - "$data" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(7)
with open(sys.argv[1] + "/gamma.csv", "w") as f:
    f.write("x\n"); f.writelines(f"{v!r}\n" for v in rng.gamma(2.5, 1.5, 100_000))
with open(sys.argv[1] + "/t.csv", "w") as f:
    f.write("x\n"); f.writelines(f"{v!r}\n" for v in 1 + 0.5 * rng.standard_t(4.0, 100_000))
PY
dotnet build "$root/src/Likely.Cli" -c Release -v q -nologo > /dev/null
likely="dotnet $root/src/Likely.Cli/bin/Release/net10.0/Likely.Cli.dll"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
for case in "gamma gamma.csv gamma floc=0" "student-t t.csv t -"; do
  set -- $case
  : > "$data/likely.txt"; : > "$data/scipy.txt"
  for i in $(seq "$runs"); do
    seconds $likely fit "$1" --data "$data/$2" --column x >> "$data/likely.txt"
    if [ "$4" = "floc=0" ]; then kw="floc=0"; else kw=""; fi
    seconds /usr/bin/python3 -c "import numpy as np; from scipy import stats; x = np.loadtxt('$data/$2', skiprows=1); print(stats.$3.fit(x, $kw))" >> "$data/scipy.txt"
  done
  l=$(median < "$data/likely.txt"); s=$(median < "$data/scipy.txt")
  echo "$1 (N = 100000, $runs runs): likely median ${l}s, scipy median ${s}s, scipy/likely = $(echo "scale=2; $s / $l" | bc)"
done
rm -rf "$data"
