#!/usr/bin/env bash
# Load test on loopback (wrk): GET /recommend with a mix of known, fold-in and unknown users at
# increasing concurrency until saturation, then POST /events throughput with batching.
#   scripts/load-test.sh [DURATION_SECONDS] [CONCURRENCY...]      e.g. scripts/load-test.sh 20 1 2 4 8 16 32
# Uses ./models (trains the quick-start model there if missing) and a fresh embedded database.
# JAVA_HOME selects the JVM (Java 21+ enables the Vector API scorer); CANDIDATES sets C (default 100);
# MODEL the served model (default convncf-svdpp; MODEL=rp3b for the service's default); STORE, USERS and
# ITEMS another model store and its ids (scripts/lib/service.sh), e.g. a model trained on Gowalla.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-20}"; shift || true
LEVELS=("${@:-1 2 4 8 16 32}")
PORT="${PORT:-18080}"
KEY="load-test-key-0123456789"
CANDIDATES="${CANDIDATES:-100}"
. scripts/lib/service.sh
ensure_wrk
ensure_build_and_model
data=$(mktemp -d)
trap 'rc=$?; kill $SERVICE_PID 2>/dev/null; wait $SERVICE_PID 2>/dev/null; rm -rf "$data"; exit $rc' EXIT
start_service "$PORT" "$data" "$KEY" --convncf.recommend.candidates="$CANDIDATES" --convncf.recommend.max-k=100
pid=$SERVICE_PID
seed_fold_in_users "$PORT" "$KEY"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $($JAVA -version 2>&1 | sed -n 1p);"
echo "model: $MODEL, scorer: $(curl -fsS localhost:$PORT/model | grep -o '"scorer":"[a-z-]*"'); C=$CANDIDATES candidates (ConvNCF), k=10; ${DURATION}s per level"
wrk -t1 -c1 -d5s -s scripts/wrk-recommend.lua "http://localhost:$PORT" >/dev/null # warm-up
echo "| connections | req/s | p50 ms | p99 ms | p99.9 ms | max ms | non-2xx |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for c in ${LEVELS[@]}; do
  t=$(( c < 2 ? 1 : 2 ))
  line=$(K=10 wrk -t"$t" -c"$c" -d"${DURATION}s" -s scripts/wrk-recommend.lua "http://localhost:$PORT" | grep RESULT)
  eval "$(echo "$line" | sed 's/^RESULT //')"
  echo "| $c | $rps | $p50_ms | $p99_ms | $p999_ms | $max_ms | $non2xx |"
done
echo
echo "Event ingestion (batches of 100, 4 connections, ${DURATION}s):"
API_KEY="$KEY" BATCH=100 wrk -t2 -c4 -d"${DURATION}s" -s scripts/wrk-events.lua "http://localhost:$PORT" | grep RESULT
echo "resident memory of the service: $(rss_mb $pid) MB"
