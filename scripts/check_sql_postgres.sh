#!/bin/sh
# Runs the SQL that `likely … --emit-sql` prints in PostgreSQL ("any SQL engine", docs/SCALE.md, path 3), exports each
# result with \copy … CSV HEADER, finishes it with `likely … --from-stats`, and compares with `likely` reading the same
# CSV itself (the embedded engine). Not part of CI (it needs a PostgreSQL server); run it where one is installed:
#
#   apt-get install postgresql && service postgresql start
#   sh scripts/check_sql_postgres.sh            # as root: it runs psql as the postgres user
#
# Prints each quantity both ways and their relative difference; exits 1 if any differs by more than 1e-12.
set -eu
likely=${LIKELY:-$(pwd)/src/Likely.Cli/bin/Release/net10.0/Likely.Cli}
work=$(mktemp -d /tmp/likely-pg.XXXXXX)
chmod 777 "$work"  # psql runs as postgres and writes its exports here
trap 'rm -rf "$work"; su postgres -c "psql -q -c \"DROP TABLE IF EXISTS events\"" >/dev/null 2>&1 || true' EXIT
# The worked example's table, seeded: segment a, page b (depends on a), events c (Poisson-like), latency (normal), a
# "Gamma" column (upper case, so the emitted SQL double-quotes it); no NULLs.
/usr/bin/python3 - "$work/events.csv" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(5)
n = 20000
a = rng.integers(0, 30, n); b = (a * 7 + rng.integers(0, 4, n)) % 11
c = rng.poisson(3.0, n); latency = np.round(rng.normal(50, 8, n), 3); g = np.round(rng.gamma(2.0, 1.5, n) + 1e-3, 6)
with open(sys.argv[1], "w") as f:
    f.write('a,b,c,latency,"Gamma"\n')
    for row in zip(a, b, c, latency, g):
        f.write(",".join(map(str, row)) + "\n")
PY
chmod 644 "$work/events.csv"
# Each statement goes through a file, so the SQL's double-quoted identifiers reach PostgreSQL untouched by the shell.
psql() { printf '%s\n' "$1" > "$work/statement.sql"; chmod 644 "$work/statement.sql"; su postgres -c "psql -q -v ON_ERROR_STOP=1 -f $work/statement.sql"; }
psql 'DROP TABLE IF EXISTS events'
psql 'CREATE TABLE events (a integer, b integer, c integer, latency double precision, "Gamma" double precision)'
psql "\\copy events FROM '$work/events.csv' CSV HEADER"

failed=0
check() { # name, emit args, finish args, direct args, jq-like field
  name=$1; emit=$2; finish=$3; direct=$4
  sql=$($likely $emit --emit-sql --table events)
  psql "\\copy ($sql) TO '$work/$name.csv' CSV HEADER"
  a=$($likely $finish --from-stats "$work/$name.csv" --json)
  b=$($likely $direct --json)
  /usr/bin/python3 - "$name" "$sql" "$a" "$b" <<'PY' || failed=1
import json, sys
name, sql, a, b = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
def values(r):
    if "fit" in r:
        return [p["estimate"] for p in r["fit"]["parameters"]] + [r["fit"]["logLikelihood"]]
    return [r["value"]]
worst = max(abs(x - y) / max(abs(y), 1e-300) for x, y in zip(values(a), values(b)))
print(f"{name}: {sql}\n  PostgreSQL → --from-stats {values(a)}\n  embedded              {values(b)}\n  worst relative difference {worst:.1e}")
sys.exit(0 if worst <= 1e-12 else 1)
PY
}
check mi "mi --x a --y b" "mi" "mi --data $work/events.csv --x a --y b"
check entropy "entropy --column b --empirical" "entropy" "entropy --data $work/events.csv --column b --empirical"
check poisson "fit poisson --column c" "fit poisson" "fit poisson --data $work/events.csv --column c"
check normal "fit normal --column latency" "fit normal" "fit normal --data $work/events.csv --column latency"
check gamma "fit gamma --column Gamma" "fit gamma" "fit gamma --data $work/events.csv --column Gamma"
[ "$failed" = 0 ] && echo "check_sql_postgres: every result agrees within 1e-12" || { echo "check_sql_postgres: FAILED"; exit 1; }
