# Sourced by the reliability scripts (run from the repository root): JVM flags, a build and the
# quick-start model when missing, and a service started in the background on the embedded database.
. bin/java-env.sh

# Installs wrk (Debian) if it is missing: the load generator of load-test.sh and soak.sh.
ensure_wrk() {
  command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }
}

# The model the scripts serve: MODEL, by default ConvNCF-SVD++ (the CNN re-ranking, the most
# expensive path), not the service's default RP3beta; MODEL=rp3b measures that.
MODEL="${MODEL:-convncf-svdpp}"
# The model store: ./models (the quick-start data) unless STORE names one trained on other data; then
# USERS, ITEMS (id prefix:first:count, e.g. USERS=:0:29858) say which ids it knows.
STORE="${STORE:-models}"
USERS="${USERS:-u:1:1000}"
ITEMS="${ITEMS:-i:1:400}"
export USERS

# Builds the jars if absent and trains the quick-start $MODEL into ./models if none is there.
ensure_build_and_model() {
  [ -f service/target/service.jar ] && [ -f trainer/target/trainer-cli.jar ] || mvn -q -B -DskipTests package
  if [ ! -f "$STORE/$MODEL/current" ]; then
    [ "$STORE" = models ] || { echo "no model $MODEL in $STORE" >&2; return 1; }
    $JAVA $JAVA_OPTS -jar trainer/target/trainer-cli.jar train --data synthetic --model "$MODEL" --negatives 99 \
      --validation-users 300 --set convncf-svdpp.epochs=3 --paper-style false --store models
  fi
}

# start_service PORT DATA_DIR API_KEY [spring args...]: starts the service on $STORE with its event
# store in DATA_DIR (log: DATA_DIR/service.log), serving $MODEL, sets SERVICE_PID and returns once it
# is ready.
start_service() {
  local port=$1 dir=$2 key=$3; shift 3
  mkdir -p "$dir"
  $JAVA $JAVA_OPTS -jar service/target/service.jar --server.port="$port" --convncf.model.store="$STORE" \
    --convncf.model.name="$MODEL" --convncf.data-dir="$dir" --convncf.security.api-key="$key" \
    --logging.level.root=warn "$@" >> "$dir/service.log" 2>&1 &
  SERVICE_PID=$!
  local deadline=$((SECONDS + 120))
  until curl -fsS "localhost:$port/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$SERVICE_PID" 2>/dev/null && [ $SECONDS -lt $deadline ] || { tail -50 "$dir/service.log" >&2; return 1; }
    sleep 0.3
  done
}

# seed_fold_in_users PORT API_KEY: 200 users unseen in training (fold-0..fold-199), 10 events each
# on items of $ITEMS.
seed_fold_in_users() {
  local port=$1 key=$2 u j body prefix first count
  IFS=: read -r prefix first count <<< "$ITEMS"
  for u in $(seq 0 199); do
    body=$(for j in $(seq 1 10); do printf '{"eventId":"seed-%d-%d","user":"fold-%d","item":"%s%d"},' "$u" "$j" "$u" \
      "$prefix" $(( first + (u * 7 + j * 13) % count )); done)
    curl -fsS -X POST "localhost:$port/events" -H "X-API-Key: $key" -H 'Content-Type: application/json' -d "[${body%,}]" >/dev/null
  done
}

rss_mb() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1/1024}'; }
