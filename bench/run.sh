#!/usr/bin/env bash
# Times migrate-mcp against the plain-JDBC floor: N generated migrations (a table and an index each) applied as whole
# processes on fresh databases, plus status over the N applied migrations in a warm process and as a whole process.
#
#   bash bench/run.sh              # N=1000, REPS=5, SQLite and PostgreSQL
#   N=200 REPS=3 DBS="sqlite" bash bench/run.sh
#
# PostgreSQL comes from BENCH_PG_URL (default: the local server, database test, user postgres); each repetition
# uses a schema of its own, dropped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
REPS=${REPS:-5}
DBS=${DBS:-"sqlite postgresql"}
PG_URL=${BENCH_PG_URL:-"jdbc:postgresql://127.0.0.1:5432/test?user=postgres"}
JAR=target/migrate-mcp.jar
WORK=bench/work
export MIGRATE_MCP_LOG_LEVEL=error

[ -f "$JAR" ] || mvn -q -DskipTests package
rm -rf "$WORK" && mkdir -p "$WORK/classes" "$WORK/migrations"
javac -cp "$JAR" -d "$WORK/classes" bench/src/*.java

for i in $(seq 1 "$N"); do
  v=$(printf '%05d' "$i")
  printf -- '-- migrate:up\nCREATE TABLE t_%s (id INTEGER PRIMARY KEY, name VARCHAR(100), created_at TIMESTAMP);\nCREATE INDEX idx_t_%s_name ON t_%s (name);\n-- migrate:down\nDROP TABLE t_%s;\n' \
    "$v" "$v" "$v" "$v" > "$WORK/migrations/${v}_table_${v}.sql"
done

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
minimum() { sort -n | head -n 1; }

psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qAtc "$1" >/dev/null; }

fresh_url() { # fresh_url KIND REP -> a JDBC URL of an empty database
  case "$1" in
    sqlite) rm -f "$WORK/bench-$2.db"*; echo "jdbc:sqlite:$WORK/bench-$2.db" ;;
    postgresql) psql_admin "DROP SCHEMA IF EXISTS bench_$2 CASCADE; CREATE SCHEMA bench_$2"
                echo "${PG_URL}&currentSchema=bench_$2" ;;
  esac
}

drop_db() {
  case "$1" in
    sqlite) rm -f "$WORK/bench-$2.db"* ;;
    postgresql) psql_admin "DROP SCHEMA IF EXISTS bench_$2 CASCADE" ;;
  esac
}

time_cmd() { local t0; t0=$(now_ms); "$@" >/dev/null 2>&1; echo $(( $(now_ms) - t0 )); }

echo "migrate-mcp benchmark: N=$N migrations, $REPS repetitions, $(nproc) cores, $(java -version 2>&1 | head -n 1)"
printf '%-11s %6s %13s %13s %7s %13s %13s %13s\n' database N "migrate (s)" "floor (s)" ratio "status warm" "status p95" "status proc"
for db in $DBS; do
  migrate_ms=(); floor_ms=(); status_proc_ms=()
  for rep in $(seq 1 "$REPS"); do
    # alternate which runs first, so neither always meets a colder cache
    if [ $((rep % 2)) -eq 1 ]; then order="tool floor"; else order="floor tool"; fi
    for who in $order; do
      url=$(fresh_url "$db" "$rep")
      if [ "$who" = tool ]; then
        migrate_ms+=("$(time_cmd java -jar "$JAR" --url "$url" --migrations "$WORK/migrations" migrate)")
        status_proc_ms+=("$(time_cmd java -jar "$JAR" --url "$url" --migrations "$WORK/migrations" status)")
        if [ "$rep" -eq 1 ]; then
          read -r warm p95 applied < <(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR:$WORK/classes" StatusBench "$url" "$WORK/migrations" 50)
          [ "$applied" -eq "$N" ] || { echo "expected $N applied, saw $applied" >&2; exit 1; }
        fi
      else
        floor_ms+=("$(time_cmd java -cp "$JAR:$WORK/classes" Floor "$url" "$WORK/migrations")")
      fi
      drop_db "$db" "$rep"
    done
  done
  m=$(printf '%s\n' "${migrate_ms[@]}" | median)
  f=$(printf '%s\n' "${floor_ms[@]}" | median)
  s=$(printf '%s\n' "${status_proc_ms[@]}" | median)
  printf '%-11s %6s %13.2f %13.2f %7.2f %10.1f ms %10.1f ms %11.2f s\n' "$db" "$N" \
    "$(echo "$m / 1000" | bc -l)" "$(echo "$f / 1000" | bc -l)" "$(echo "$m / $f" | bc -l)" "$warm" "$p95" \
    "$(echo "$s / 1000" | bc -l)"
  echo "  $db migrate runs (ms): ${migrate_ms[*]}; floor runs (ms): ${floor_ms[*]}; min ratio $(echo "$(printf '%s\n' "${migrate_ms[@]}" | minimum) / $(printf '%s\n' "${floor_ms[@]}" | minimum)" | bc -l | cut -c1-5)"
done
