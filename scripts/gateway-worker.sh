#!/usr/bin/env bash
# Starts one gateway worker for bots in messaging.mode = external_gateway.
#   scripts/gateway-worker.sh config/external-postgresql.conf
#   scripts/gateway-worker.sh config/external-redis.conf
# Run it once per worker you want (on this machine or others); each takes its share of the
# requests, and a worker that dies is replaced by the others within the lease (5 s). It needs
# DISCORD_TOKEN in the environment, like the bot. Stop it with Ctrl-C or SIGTERM: it finishes what
# it runs (up to shutdown.deadline) and hands the rest back.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-}
if [[ -z "$config" || ! -f "$config" ]]; then
  echo "usage: scripts/gateway-worker.sh <config file>   (e.g. config/external-redis.conf)" >&2
  exit 2
fi
if [[ -z "${DISCORD_TOKEN:-}" ]]; then
  echo "DISCORD_TOKEN is not set: a worker calls Discord with the bot's token" >&2
  exit 2
fi
if [[ ! -f bot-app/target/bot.jar ]]; then
  mvn -q -B -DskipTests package
fi
exec java ${JAVA_OPTS:-} -Dconfig.file="$config" -jar bot-app/target/bot.jar gateway
