#!/usr/bin/env bash
# Times a SQLite backup (migrate-mcp backup: online backup API, checksum, row counts, manifest) against copying the file with cp, on a
# database of SIZE_MB megabytes (default 1024).   bash bench/backup.sh   |   SIZE_MB=256 bash bench/backup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-1024}
REPS=${REPS:-3}
JAR=${JAR:-target/migrate-mcp.jar}
WORK=bench/work/backup
[ -f "$JAR" ] || mvn -q -DskipTests package
rm -rf "$WORK" && mkdir -p "$WORK/migrations"
DB="$WORK/big.db"
rows=$(( SIZE_MB * 1024 ))   # 1 KiB of random bytes a row
sqlite3 "$DB" "CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
  WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $rows)
  INSERT INTO blobs (id, data) SELECT x, randomblob(1000) FROM c;"
size=$(stat -c %s "$DB")
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
copy=(); backup=()
for rep in $(seq 1 "$REPS"); do
  sync; t=$(now_ms); cp "$DB" "$WORK/copy.db"; sync; copy+=($(( $(now_ms) - t ))); rm -f "$WORK/copy.db"
  sync; t=$(now_ms)
  MIGRATE_MCP_LOG_LEVEL=error java -jar "$JAR" --url "jdbc:sqlite:$DB" --migrations "$WORK/migrations" \
    --backups "$WORK/backups" backup >/dev/null
  sync; backup+=($(( $(now_ms) - t ))); rm -rf "$WORK/backups"
done
c=$(printf '%s\n' "${copy[@]}" | median); b=$(printf '%s\n' "${backup[@]}" | median)
echo "SQLite database of $((size / 1024 / 1024)) MiB, $REPS repetitions, $(nproc) cores"
echo "cp (with sync):            median ${c} ms   (runs: ${copy[*]})"
echo "migrate-mcp backup (sync): median ${b} ms   (runs: ${backup[*]})"
echo "ratio backup / copy:       $(echo "scale=2; $b / $c" | bc)"
rm -rf "$WORK"
