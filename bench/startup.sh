#!/usr/bin/env bash
# Whole-process times of migrate-mcp (through its launcher, target/migrate-mcp) beside Flyway 13 in the same run, on
# the same generated migrations, interleaved: `migrate` against Flyway `migrate` and `status` against Flyway `info`,
# for each database and each N; then MCP spawn-to-initialize and warm tool-call latency over stdio and Streamable
# HTTP, beside a bare JVM that prints a line and exits (the floor of any Java tool).
#
#   bash bench/startup.sh                              # N="1000 10000", REPS=3, sqlite postgresql mysql
#   NS=1000 REPS=5 DBS="sqlite postgresql" bash bench/startup.sh
#   NS="" bash bench/startup.sh                        # the MCP and bare-JVM figures alone
#
# The migrations are Flyway's own layout (V1__table_1.sql, ...), which migrate-mcp reads as it is, so both tools run
# the very same files. Each repetition of each tool gets a fresh database (SQLite: a new file; PostgreSQL: a new
# schema; MariaDB/MySQL: a new database), dropped afterwards. Medians are reported, with every run listed.
set -euo pipefail
cd "$(dirname "$0")/.."

NS=${NS-"1000 10000"}   # NS="" skips the migrate and status comparison
REPS=${REPS:-3}
DBS=${DBS:-"sqlite postgresql mysql"}
CALLS=${CALLS:-200}
PG_URL=${BENCH_PG_URL:-"jdbc:postgresql://127.0.0.1:5432/test?user=postgres"}
MYSQL_BASE=${BENCH_MYSQL_BASE:-"jdbc:mysql://127.0.0.1:3306"}
MYSQL_PARAMS=${BENCH_MYSQL_PARAMS:-"user=root&password="}
TOOL=target/migrate-mcp
WORK=bench/work/startup
FLYWAY_DIR=bench/flyway
export MIGRATE_MCP_LOG_LEVEL=error

[ -x "$TOOL" ] || mvn -q -DskipTests package
if [ ! -d "$FLYWAY_DIR/target/dependency" ]; then
  mvn -q -f "$FLYWAY_DIR/pom.xml" package dependency:copy-dependencies -DoutputDirectory=target/dependency
fi
FLYWAY_CP="$FLYWAY_DIR/target/classes:$FLYWAY_DIR/target/dependency/*"
rm -rf "$WORK" && mkdir -p "$WORK/classes"
javac -d "$WORK/classes" bench/src/Hello.java bench/src/McpLatency.java

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { echo "scale=2; $1 / $2" | bc -l; }
time_cmd() { local t0; t0=$(now_ms); "$@" >/dev/null 2>"$WORK/last.err" || { cat "$WORK/last.err" >&2; exit 1; }
             echo $(( $(now_ms) - t0 )); }
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qAtc "$1" >/dev/null; }
# Drops a PostgreSQL schema however many tables it holds. One `DROP SCHEMA ... CASCADE` takes a lock on every
# table, index and type in it inside one transaction, and 10,000 tables with their indexes and types overflow the
# server's shared lock table (max_locks_per_transaction x max_connections, 6,400 by default). So the tables go
# first, 200 to a statement, each statement its own transaction (psql's autocommit, through \gexec), then the
# schema with what is left (history tables, sequences).
pg_drop_schema() {
  PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 -qAt >/dev/null <<SQL
SELECT 'DROP TABLE IF EXISTS ' || string_agg(format('%I.%I', schemaname, tablename), ', ') || ' CASCADE'
  FROM (SELECT schemaname, tablename, (row_number() OVER ()) / ${PG_DROP_BATCH:-200} AS batch
          FROM pg_tables WHERE schemaname = '$1') t
 GROUP BY batch \gexec
DROP SCHEMA IF EXISTS $1 CASCADE;
SQL
}
mysql_admin() { if command -v mariadb >/dev/null; then mariadb -h 127.0.0.1 -uroot -e "$1"; else mysql -h 127.0.0.1 -uroot -e "$1"; fi; }

generate() { # generate N DIR: N Flyway-style migrations, a table and an index each
  mkdir -p "$2"
  for i in $(seq 1 "$1"); do
    printf 'CREATE TABLE t_%s (id INTEGER PRIMARY KEY, name VARCHAR(100), created_at TIMESTAMP);\nCREATE INDEX idx_t_%s_name ON t_%s (name);\n' \
      "$i" "$i" "$i" > "$2/V${i}__table_${i}.sql"
  done
}

fresh_url() { # fresh_url KIND NAME -> the JDBC URL of a new empty database
  case "$1" in
    sqlite) rm -f "$WORK/$2.db"*; echo "jdbc:sqlite:$WORK/$2.db" ;;
    postgresql) pg_drop_schema "$2"; psql_admin "CREATE SCHEMA $2"; echo "${PG_URL}&currentSchema=$2" ;;
    mysql) mysql_admin "DROP DATABASE IF EXISTS $2; CREATE DATABASE $2"; echo "$MYSQL_BASE/$2?$MYSQL_PARAMS" ;;
  esac
}

drop_db() {
  case "$1" in
    sqlite) rm -f "$WORK/$2.db"* ;;
    postgresql) pg_drop_schema "$2" ;;
    mysql) mysql_admin "DROP DATABASE IF EXISTS $2" ;;
  esac
}

echo "startup benchmark: NS=$NS, $REPS repetitions, $(nproc) cores, $(java -version 2>&1 | head -n 1), Flyway 13.12.1"
printf '%-11s %6s %10s %10s %7s %10s %10s %7s\n' database N "ours (s)" "flyway (s)" ratio "status (s)" "info (s)" ratio
for n in $NS; do
  dir="$WORK/migrations-$n"
  generate "$n" "$dir"
  for db in $DBS; do
    ours_m=(); fly_m=(); ours_s=(); fly_i=()
    for rep in $(seq 1 "$REPS"); do
      # alternate which tool runs first, so neither always meets a colder cache
      if [ $((rep % 2)) -eq 1 ]; then order="ours flyway"; else order="flyway ours"; fi
      for who in $order; do
        name="bench_${who}_${rep}"
        url=$(fresh_url "$db" "$name")
        if [ "$who" = ours ]; then
          ours_m+=("$(time_cmd "$TOOL" --url "$url" --migrations "$dir" migrate)")
          ours_s+=("$(time_cmd "$TOOL" --url "$url" --migrations "$dir" status)")
        else
          fly_m+=("$(time_cmd java -cp "$FLYWAY_CP" FlywayRun migrate "$url" "$dir")")
          fly_i+=("$(time_cmd java -cp "$FLYWAY_CP" FlywayRun info "$url" "$dir")")
        fi
        drop_db "$db" "$name"
      done
    done
    om=$(printf '%s\n' "${ours_m[@]}" | median); fm=$(printf '%s\n' "${fly_m[@]}" | median)
    os=$(printf '%s\n' "${ours_s[@]}" | median); fi=$(printf '%s\n' "${fly_i[@]}" | median)
    printf '%-11s %6s %10.2f %10.2f %7s %10.2f %10.2f %7s\n' "$db" "$n" "$(echo "$om / 1000" | bc -l)" \
      "$(echo "$fm / 1000" | bc -l)" "$(ratio "$om" "$fm")" "$(echo "$os / 1000" | bc -l)" \
      "$(echo "$fi / 1000" | bc -l)" "$(ratio "$os" "$fi")"
    echo "  runs (ms): migrate ${ours_m[*]} | flyway migrate ${fly_m[*]} | status ${ours_s[*]} | flyway info ${fly_i[*]}"
  done
done

# MCP over stdio and HTTP, and status, on the shipped schema (SQLite), beside the bare JVM
db="$WORK/shipped.db"
rm -f "$db"*
"$TOOL" --url "jdbc:sqlite:$db" --migrations migrations migrate >/dev/null
common=(--url "jdbc:sqlite:$db" --migrations "$PWD/migrations" --backups "$WORK/backups")
bare=(); status=(); stdio_init=(); stdio_p50=(); stdio_p95=(); http_init=(); http_p50=(); http_p95=()
for rep in $(seq 1 "$REPS"); do
  bare+=("$(time_cmd java -cp "$WORK/classes" Hello)")
  status+=("$(time_cmd "$TOOL" "${common[@]}" status)")
  read -r i p50 p95 < <(java -cp "$WORK/classes" McpLatency stdio "$CALLS" "$TOOL" "${common[@]}" serve)
  stdio_init+=("$i"); stdio_p50+=("$p50"); stdio_p95+=("$p95")
  read -r i p50 p95 < <(java -cp "$WORK/classes" McpLatency http "$CALLS" "$TOOL" "${common[@]}" serve --http --port 0)
  http_init+=("$i"); http_p50+=("$p50"); http_p95+=("$p95")
done
b=$(printf '%s\n' "${bare[@]}" | median); s=$(printf '%s\n' "${status[@]}" | median)
si=$(printf '%s\n' "${stdio_init[@]}" | median); hi=$(printf '%s\n' "${http_init[@]}" | median)
echo
echo "bare JVM (prints and exits): $b ms (runs: ${bare[*]})"
echo "status, shipped schema:      $s ms = $(ratio "$s" "$b")x the bare JVM (runs: ${status[*]})"
echo "stdio spawn to initialize:   $si ms = $(ratio "$si" "$b")x the bare JVM (runs: ${stdio_init[*]})"
echo "stdio get_current_version:   p50 $(printf '%s\n' "${stdio_p50[@]}" | median) ms, p95 $(printf '%s\n' "${stdio_p95[@]}" | median) ms ($CALLS calls per run)"
echo "http spawn to initialize:    $hi ms = $(ratio "$hi" "$b")x the bare JVM (runs: ${http_init[*]})"
echo "http get_current_version:    p50 $(printf '%s\n' "${http_p50[@]}" | median) ms, p95 $(printf '%s\n' "${http_p95[@]}" | median) ms ($CALLS calls per run)"
