#!/usr/bin/env bash
# Times a live-schema snapshot (describe_schema) of a TABLES-table schema in a warm process, on SQLite and
# PostgreSQL.   bash bench/snapshot.sh            # TABLES=500
set -euo pipefail
cd "$(dirname "$0")/.."
TABLES=${TABLES:-500}
PG_URL=${BENCH_PG_URL:-"jdbc:postgresql://127.0.0.1:5432/test?user=postgres"}
JAR=target/migrate-mcp.jar
WORK=bench/work
[ -f "$JAR" ] || mvn -q -DskipTests package
mkdir -p "$WORK/classes" "$WORK/migrations"
javac -cp "$JAR" -d "$WORK/classes" bench/src/*.java
run() { java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR:$WORK/classes" SnapshotBench "$@"; }
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qAtc "$1" >/dev/null; }

echo "snapshot of a $TABLES-table schema (6 columns, 2 indexes, 1 foreign key each), warm process, 10 calls"
printf '%-11s %12s %12s\n' database "median (ms)" "min (ms)"
rm -f "$WORK/snap.db"*
read -r median min < <(run "jdbc:sqlite:$WORK/snap.db" "$TABLES")
printf '%-11s %12s %12s\n' sqlite "$median" "$min"
rm -f "$WORK/snap.db"*
psql_admin "DROP SCHEMA IF EXISTS bench_snap CASCADE; CREATE SCHEMA bench_snap"
read -r median min < <(run "${PG_URL}&currentSchema=bench_snap" "$TABLES")
printf '%-11s %12s %12s\n' postgresql "$median" "$min"
psql_admin "DROP SCHEMA IF EXISTS bench_snap CASCADE"
