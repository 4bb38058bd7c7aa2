#!/usr/bin/env bash
# The kill test at a chosen number of kill points per database (SQLite, PostgreSQL, MariaDB/MySQL): real migrate
# runs killed with SIGKILL at seeded points of a set mixing DDL, DML and batches, each then recovered with status /
# repair / migrate and compared with an uninterrupted run (schema, row counts, row contents).
#
#   bash bench/kill-run.sh            # 200 kill points per database
#   bash bench/kill-run.sh 500 42     # 500 points, seed 42
#
# Prints one line per database: kill points, violations, and what the kills left (how often each state was met).
set -euo pipefail
cd "$(dirname "$0")/.."

POINTS=${1:-200}
SEED=${2:-20261201}
mvn -o -q test -Dtest=KillTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dmigrate.kill.points="$POINTS" -Dmigrate.kill.seed="$SEED" 2>&1 | grep -E '^\[kill test|kill point|Tests run|FAIL' || true
