#!/usr/bin/env bash
# Measures the sandbox's start-up: process start to the "Sandbox ready" line, N runs, and the heap
# in use once it is ready. Run after `mvn -q -DskipTests package`.
# Usage: scripts/measure-sandbox-startup.sh [runs=5] [fresh|warm]
#   fresh: every run starts from an empty data folder (includes initdb of the embedded PostgreSQL)
#   warm:  the data folder is kept between runs (a restart)
set -euo pipefail
runs=${1:-5}
mode=${2:-warm}
jar="$(cd "$(dirname "$0")/.." && pwd)/bot-app/target/bot.jar"
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
times=()
for i in $(seq 1 "$runs"); do
  [ "$mode" = fresh ] && rm -rf data
  start=$(date +%s%N)
  java -Dsandbox.port=0 -jar "$jar" > out.log 2> err.log &
  pid=$!
  until grep -q "Sandbox ready" out.log 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "bot exited:"; cat err.log; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/heap/ && /used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
  jcmd "$pid" GC.run > /dev/null 2>&1
  live=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/heap/ && /used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
  echo "run $i: ${ms} ms to 'Sandbox ready'; heap ${heap}; after a full GC ${live}"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(printf '%s\n' "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
echo "median of $runs ($mode): ${median} ms"
