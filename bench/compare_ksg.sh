#!/usr/bin/env bash
# KSG mutual information on 100,000 rows: the whole `likely mi … --estimator ksg` command (process start, CSV read,
# estimate, output), 5 runs and their median, then scikit-learn's mutual_info_regression on the same file.
# Run from the repository root after `dotnet build -c Release`. Needs /usr/bin/python3 with numpy and scikit-learn.
set -euo pipefail
rows=${1:-100000}
runs=${2:-5}
file=${TMPDIR:-/tmp}/likely-ksg-$rows.csv
likely=(dotnet src/Likely.Cli/bin/Release/net10.0/Likely.Cli.dll)
[ -f "$file" ] || /usr/bin/python3 bench/compare_ksg.py make "$file" "$rows"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load: $(uptime | sed 's/.*load average: //')"
"${likely[@]}" mi --data "$file" --x x --y y --estimator ksg --neighbors 3   # warm the disk cache, show the value
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  "${likely[@]}" mi --data "$file" --x x --y y --estimator ksg --neighbors 3 > /dev/null
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc)")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "likely mi --estimator ksg, $rows rows: times ${times[*]} s; median $median s"
/usr/bin/python3 bench/compare_ksg.py time "$file" "$runs"
echo "load after: $(uptime | sed 's/.*load average: //')"
