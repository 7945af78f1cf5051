#!/bin/sh
# Issue 12's 200M-row goal through the real commands: `likely mi` and `likely fit poisson` on a glob of Parquet files,
# with the embedded engine and with the default (auto: DuckDB for a glob of Parquet files), beside DuckDB's own SQL computing the same numbers alone
# (bench/Likely.DuckDbScale sql-mi / sql-poisson), in the same run, alternating, each run under /usr/bin/time.
#
#   dotnet build -c Release Likely.sln bench/Likely.DuckDbScale
#   dotnet bench/Likely.DuckDbScale/bin/Release/net10.0/Likely.DuckDbScale.dll make /tmp/duckscale200 200000000
#   sh bench/scale_commands.sh '/tmp/duckscale200/*.parquet' 3
#
# Prints one line per run: what, wall seconds, peak resident memory, and the command's result.
set -eu
glob=$1
runs=${2:-3}
likely=${LIKELY:-src/Likely.Cli/bin/Release/net10.0/Likely.Cli}
peer="dotnet bench/Likely.DuckDbScale/bin/Release/net10.0/Likely.DuckDbScale.dll"
measure() {
  name=$1; shift
  /usr/bin/time -o /tmp/scale_time.$$ -f '%e %M' "$@" > /tmp/scale_out.$$
  read -r wall kb < /tmp/scale_time.$$
  echo "$name | ${wall} s | $((kb / 1024)) MB | $(head -c 200 /tmp/scale_out.$$ | tr '\n' ' ')"
}
echo "# $(date -u +%FT%TZ) $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg), $($likely info --json | sed -n 's/.*"vectorPath":"\([^"]*\)".*/vector path \1/p')"
for i in $(seq "$runs"); do
  measure "likely mi --engine embedded" $likely mi --data "$glob" --x a --y b --engine embedded --json
  measure "likely mi (default: auto, DuckDB for a Parquet glob)" $likely mi --data "$glob" --x a --y b --json
  measure "DuckDB SQL alone (sql-mi)" $peer sql-mi "$glob"
  measure "likely fit poisson --engine embedded" $likely fit poisson --data "$glob" --column c --engine embedded --json
  measure "likely fit poisson (default: auto, DuckDB for a Parquet glob)" $likely fit poisson --data "$glob" --column c --json
  measure "DuckDB SQL alone (sql-poisson)" $peer sql-poisson "$glob"
done
rm -f /tmp/scale_time.$$ /tmp/scale_out.$$
