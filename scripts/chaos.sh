#!/usr/bin/env bash
# The reliability suite, run on demand (bounded in time, loopback only); each part prints a table
# and then one JSON line with its figures. Parts built so far:
#   fuzz [SAMPLES] [SEED]  every command of every bundled cog and of the platform, through prefix
#                          and slash, SAMPLES times each (default 20) with generated arguments:
#                          each must be answered, never with an internal error, never pinging
#                          anyone, with nothing logged at ERROR. The transcript of every answer is
#                          left in bot-app/target/fuzz-transcript.txt for a person to read.
#   storms                 Discord misbehaving during a burst, in every mode (direct, in_process,
#                          external_gateway on PostgreSQL and on Redis with 2 workers): 5xx on 30%
#                          of requests, forced 429s (bucket and global), 1.5 s answers, gateway
#                          resets and invalid sessions. Counts delivered, dead-lettered, lost and
#                          duplicated sends and the invalid requests against Discord's 10,000.
#   load [SECONDS] [TARGETS]
#                          a steady crowd: 1,000 people in 20 servers of 500 channels (10,000
#                          channels) post a command at 40 a second for SECONDS (default 120) in
#                          in_process and external_gateway on PostgreSQL and Redis (TARGETS, default
#                          in_process,postgresql,redis): answer latency, unanswered commands, the
#                          transport's queue, threads and live heap at the start and the end.
#   kills [CYCLES]         the bot and its gateway workers as real processes, killed with kill -9
#                          mid-burst and started again, CYCLES times (default 10) in each mode
#                          (direct, in_process, external_gateway on PostgreSQL and on Redis with 2
#                          worker processes), then CYCLES kills of a worker on each engine.
#                          Counts accepted, acknowledged (in the engine), delivered, lost,
#                          duplicated, and what was in memory at each kill. About 8 minutes.
#   outages [SECONDS]      PostgreSQL and Redis stopped for SECONDS (default 30) mid-burst and
#                          started again on their port and data: the external engine, and the
#                          bot's own database in in_process and direct. Counts what was lost, what
#                          users were told meanwhile and how soon it recovers. About 5 minutes.
#   all                    every part in turn (fuzz 10 samples, storms, kills, outages, load):
#                          under 30 minutes on a 2-core machine.
# `mvn verify` runs short versions (one sample per command and route, a seed that changes daily;
# one storm; one kill per mode and one worker kill; 5-second outages).
set -euo pipefail
cd "$(dirname "$0")/.."
part=${1:-}
case "$part" in
  fuzz)
    samples=${2:-20}
    seed=${3:-$RANDOM}
    rm -f bot-app/target/fuzz-figures.txt
    status=0
    mvn -q -B -ntp -pl bot-app -am test -Dtest=CommandFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfuzz.samples="$samples" -Dfuzz.seed="$seed" >/tmp/cogworks-chaos-fuzz.log 2>&1 || status=$?
    if [[ ! -f bot-app/target/fuzz-figures.txt ]]; then
      echo "The fuzz did not run; see /tmp/cogworks-chaos-fuzz.log" >&2
      exit 1
    fi
    echo "Command fuzz, seed $seed, $samples sample(s) per command and route"
    cat bot-app/target/fuzz-figures.txt
    if [[ $status -ne 0 ]]; then
      echo
      cat bot-app/target/fuzz-findings.txt
    fi
    exit $status
    ;;
  storms|kills|outages|load)
    mvn -q -B -ntp -DskipTests -pl bench -am package
    exec java -jar bench/target/bench.jar "$@"
    ;;
  all)
    # One part's failure does not stop the others; the exit status says whether any failed.
    status=0
    # The fuzz at 10 samples per command and route (every command, both routes) keeps the whole
    # suite under 30 minutes on a 2-core machine; `scripts/chaos.sh fuzz` alone defaults to 20.
    echo "== fuzz"
    "$0" fuzz 10 || status=1
    mvn -q -B -ntp -DskipTests -pl bench -am package
    for p in storms kills outages load; do
      echo
      echo "== $p"
      java -jar bench/target/bench.jar "$p" || status=1
    done
    exit $status
    ;;
  *)
    echo "usage: scripts/chaos.sh fuzz [SAMPLES] [SEED] | storms | kills [CYCLES] | outages [SECONDS] | load [SECONDS] [TARGETS] | all" >&2
    exit 2
    ;;
esac
