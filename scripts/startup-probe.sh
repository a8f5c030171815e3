#!/usr/bin/env bash
# Start-up time of the image: from `docker run` to a ready service (model loaded), with the PyTorch
# natives extracted into the image at build time (the default) and extracted at start into an empty
# tmpfs cache instead. Needs the image (docker build -t convncf .) and a Docker engine.
#   scripts/startup-probe.sh [RUNS]        default 2 runs of each
set -euo pipefail
RUNS="${1:-2}"
IMAGE="${IMAGE:-convncf:latest}"
PORT="${PORT:-18080}"
volume=convncf-startup-probe
cleanup() { docker rm -f "$volume" >/dev/null 2>&1 || true; docker volume rm -f "$volume" >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup
docker volume create "$volume" >/dev/null
echo "training a small model into a scratch volume..."
docker run --rm -v "$volume:/models" "$IMAGE" trainer train --data=synthetic --model=convncf-svdpp --negatives=99 \
  --validation-users=300 --paper-style=false --set=convncf-svdpp.epochs=1 --store=/models >/dev/null 2>&1
measure() { # label [docker run options...]
  local label=$1; shift
  docker rm -f "$volume" >/dev/null 2>&1 || true
  local t0; t0=$(date +%s.%N)
  docker run -d --name "$volume" -p "$PORT:8080" -v "$volume:/models:ro" \
    -e CONVNCF_SECURITY_API_KEY=startup-probe-key-0123456789 -e CONVNCF_MODEL_NAME=convncf-svdpp "$@" "$IMAGE" >/dev/null
  until curl -fsS "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1; do sleep 0.2; done
  echo "$label: ready in $(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $t0}") s"
}
for _ in $(seq 1 "$RUNS"); do
  measure "natives in the image"
  measure "natives extracted at start (empty tmpfs cache)" --tmpfs /tmp/djl:exec,uid=10001 -e DJL_CACHE_DIR=/tmp/djl
done
