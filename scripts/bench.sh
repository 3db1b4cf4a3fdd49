#!/usr/bin/env bash
# Runs a benchmark against discord-sim and prints its measured figures; the last line is one JSON
# object with every figure. Usage: scripts/bench.sh delivery | conversation | markov | admin | gateway [all|latency|bursts|takeover] [both|postgresql|redis] | cluster [publishes] | scale [full|short] [redis,postgresql] | voice [seconds] [aes|xchacha|both] | music [seconds] [1,10,25,50,100]
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-}
case "$name" in
  delivery|conversation|markov|admin|gateway|cluster|scale|voice|music) ;;
  *) echo "usage: scripts/bench.sh delivery|conversation|markov|admin|gateway|cluster|scale|voice|music" >&2; exit 2 ;;
esac
mvn -q -B -DskipTests -pl bench -am package
exec java -jar bench/target/bench.jar "$@"
