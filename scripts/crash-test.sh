#!/usr/bin/env bash
# kill -9 during sustained event ingestion: every event that got a 2xx must be in the store after the
# crash, and retrying every acknowledged event with its eventId must store nothing twice.
#   scripts/crash-test.sh [SECONDS_OF_LOAD] [CLIENTS]
# Uses the embedded (file-backed H2) event store; prints acknowledged / stored / lost counts.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_OF_LOAD="${1:-20}"
CLIENTS="${2:-4}"
PORT="${PORT:-18081}"
KEY="crash-test-key-0123456789"
. scripts/lib/service.sh
ensure_build_and_model
H2_JAR=$(find ~/.m2/repository/com/h2database/h2 -name 'h2-*.jar' | sort | tail -1)
work=$(mktemp -d)
start() {
  start_service "$PORT" "$work/db" "$KEY"
  pid=$SERVICE_PID
}
client() {
  local w=$1 seq=0
  while [ ! -f "$work/stop" ]; do
    seq=$((seq + 1)); body="["; ids=""
    for j in 0 1 2 3 4 5 6 7 8 9; do
      id="crash-$w-$seq-$j"; ids="$ids$id"$'\n'
      body="$body{\"eventId\":\"$id\",\"user\":\"crash-u$((RANDOM % 500))\",\"item\":\"i$((RANDOM % 400 + 1))\"},"
    done
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -X POST "localhost:$PORT/events" -H "X-API-Key: $KEY" \
      -H 'Content-Type: application/json' -d "${body%,}]" || true)
    if [ "$code" = 201 ] || [ "$code" = 200 ]; then printf '%s' "$ids" >> "$work/acked.$w"; fi
  done
}
start
for w in $(seq 1 "$CLIENTS"); do client "$w" & done
sleep "$SECONDS_OF_LOAD"
kill -9 "$pid"; echo "killed the service (kill -9) under load after ${SECONDS_OF_LOAD}s"
sleep 1; touch "$work/stop"; wait 2>/dev/null || true
cat "$work"/acked.* 2>/dev/null | sort -u > "$work/acked"
java -cp "$H2_JAR" org.h2.tools.Shell -url "jdbc:h2:file:$work/db/events;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
  -user sa -sql "SELECT event_id FROM events" | grep -o 'crash-[0-9-]*' | sort -u > "$work/stored"
acked=$(wc -l < "$work/acked"); stored=$(wc -l < "$work/stored")
lost=$(comm -23 "$work/acked" "$work/stored" | wc -l)
echo "acknowledged: $acked events; stored after the crash: $stored; acknowledged but lost: $lost"
start
retried=0; dup=0
while mapfile -t -n 100 batch && [ ${#batch[@]} -gt 0 ]; do
  body=$(printf '{"eventId":"%s","user":"retry-user","item":"i1"},' "${batch[@]}")
  answer=$(curl -fsS -X POST "localhost:$PORT/events" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' -d "[${body%,}]")
  retried=$((retried + ${#batch[@]}))
  dup=$((dup + $(echo "$answer" | grep -o '"duplicates":[0-9]*' | cut -d: -f2)))
done < "$work/acked"
kill "$pid"; wait "$pid" 2>/dev/null || true
after=$(java -cp "$H2_JAR" org.h2.tools.Shell -url "jdbc:h2:file:$work/db/events;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
  -user sa -sql "SELECT COUNT(*) FROM events" | grep -Eo '^[0-9]+' | head -1)
echo "retried all $retried acknowledged events with their eventIds: $dup reported as duplicates; events stored now: $after"
rm -rf "$work"
[ "$lost" -eq 0 ] && [ "$dup" -eq "$retried" ] && echo "PASS" || { echo "FAIL"; exit 1; }
