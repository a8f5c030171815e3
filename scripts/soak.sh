#!/usr/bin/env bash
# Soak: constant /recommend load (known, fold-in and unknown users) plus a trickle of events for
# MINUTES, sampling the service's resident memory (RSS) and the JVM heap every 30 s. Fails if RSS
# after the warm-up (minute 5) grows by more than 10 % by the end: a native (NDArray) or heap leak.
#   scripts/soak.sh [MINUTES] [CONNECTIONS]        default 30 minutes, 4 connections; CANDIDATES sets C (100)
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-30}"
CONNECTIONS="${2:-4}"
PORT="${PORT:-18082}"
KEY="soak-test-key-0123456789"
CANDIDATES="${CANDIDATES:-100}"
. scripts/lib/service.sh
ensure_wrk
ensure_build_and_model
data=$(mktemp -d)
trap 'rc=$?; touch "$data/stop"; kill $SERVICE_PID 2>/dev/null; wait $SERVICE_PID 2>/dev/null; rm -rf "$data"; exit $rc' EXIT
start_service "$PORT" "$data" "$KEY" --convncf.recommend.candidates="$CANDIDATES"
pid=$SERVICE_PID
seed_fold_in_users "$PORT" "$KEY"
echo "soak: ${MINUTES} min, $CONNECTIONS connections, C=$CANDIDATES candidates, $($JAVA -version 2>&1 | sed -n 1p), scorer $(curl -fsS localhost:$PORT/model | grep -o '"scorer":"[a-z]*"' | cut -d'"' -f4)"
( n=0; while [ ! -f "$data/stop" ]; do
    n=$((n + 1))
    curl -s -o /dev/null -X POST "localhost:$PORT/events" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
      -d "{\"eventId\":\"soak-$n\",\"user\":\"fold-$((n % 200))\",\"item\":\"i$((n % 400 + 1))\"}"
    sleep 0.1
  done ) &
wrk -t2 -c"$CONNECTIONS" -d"${MINUTES}m" --timeout 10s -s scripts/wrk-recommend.lua "http://localhost:$PORT" > "$data/wrk.out" &
wrk_pid=$!
echo "| minute | RSS MB | heap used MB | requests so far |"
echo "|---:|---:|---:|---:|"
start=$SECONDS; warm=""; max=0
while kill -0 "$wrk_pid" 2>/dev/null; do
  sleep 30
  kill -0 "$wrk_pid" 2>/dev/null || break
  rss=$(rss_mb "$pid")
  metrics=$(curl -fsS "localhost:$PORT/actuator/prometheus")
  heap=$(echo "$metrics" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}')
  reqs=$(echo "$metrics" | awk '/^http_server_requests_seconds_count\{.*uri="\/recommend\/\{user\}"/ {s += $NF} END {printf "%.0f", s}')
  minute=$(( (SECONDS - start) / 60 ))
  echo "| $(awk "BEGIN {printf \"%.1f\", ($SECONDS - $start) / 60}") | $rss | $heap | $reqs |"
  [ -z "$warm" ] && [ "$minute" -ge 5 ] && warm=$rss
  [ "$rss" -gt "$max" ] && max=$rss
  last=$rss
done
wait "$wrk_pid" || true
grep RESULT "$data/wrk.out" | sed 's/^RESULT /wrk: /'
warm=${warm:-$last}
echo "RSS after warm-up $warm MB, at the end $last MB, max $max MB"
if [ "$last" -gt $(( warm * 110 / 100 )) ]; then echo "FAIL: resident memory grew by more than 10 %"; exit 1; fi
echo "PASS: resident memory flat"
