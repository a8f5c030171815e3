#!/usr/bin/env bash
# Exercises the deployment files for real, as CI stage "deploy": lints the Dockerfile and the YAML,
# renders and schema-validates the Kubernetes manifests offline, builds the image, then runs
# `docker compose up` and drives the README's curl flow against it (new user's events → item-item
# recommendations from the default RP3beta).
# Fails on any problem; prints the image size, the service's start-to-ready time and stage timings.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() { printf '\n--- %s (t=%ds)\n' "$1" "$SECONDS"; }
COMPOSE="docker compose"
$COMPOSE version >/dev/null 2>&1 || COMPOSE=docker-compose

stage "tools (yamllint, docker-compose, node packages)"
need=""
command -v yamllint >/dev/null || need="$need yamllint"
command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || need="$need docker-compose"
command -v node >/dev/null || need="$need nodejs npm"
command -v kubectl >/dev/null || need="$need kubectl"
if [ -n "$need" ]; then
  apt-get install -y -qq $need >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq $need >/dev/null; }
fi
COMPOSE="docker compose"; $COMPOSE version >/dev/null 2>&1 || COMPOSE=docker-compose
tools=.ci/deploy
# Pinned in .ci/deploy/package-lock.json; installed from the npm registry on first use.
[ -d "$tools/node_modules/kubernetes-models" ] || (cd "$tools" && npm ci --no-audit --no-fund --silent)

stage "lint: Dockerfile and YAML"
"$tools/node_modules/.bin/dockerfile-utils" lint Dockerfile
yamllint -d '{extends: default, rules: {line-length: {max: 140}, document-start: disable, truthy: {check-keys: false}}}' \
  docker-compose.yml k8s

stage "Kubernetes: kustomize and schema validation"
for dir in k8s/base k8s/overlays/demo; do
  echo "$dir:"
  kubectl kustomize "$dir" | node "$tools/validate-k8s.mjs"
done
echo "k8s/base/secret-template.yaml:"
node "$tools/validate-k8s.mjs" < k8s/base/secret-template.yaml

stage "docker: base images and the convncf image"
bash .ci/local-images/build.sh --maven maven:3-eclipse-temurin-17
start=$SECONDS
# The image's build context has no .git: the commit goes in as a build argument (checked below).
commit=$(git rev-parse HEAD)
dirty=$([ -z "$(git status --porcelain --untracked-files=no)" ] && echo false || echo true)
docker build -q -t convncf:latest --build-arg GIT_COMMIT="$commit" --build-arg GIT_DIRTY="$dirty" . >/dev/null
echo "image built in $((SECONDS - start)) s; size: $(docker image inspect convncf:latest --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}')"
docker run --rm --entrypoint sh convncf:latest -c 'du -sh /opt/djl /app/service.jar /app/trainer.jar'

stage "docker compose up: train, serve, a new user's events change the recommendation"
cleanup() { $COMPOSE down -v --remove-orphans >/dev/null 2>&1 || true; rm -f .env; }
trap cleanup EXIT
cp .env.example .env
KEY=$(grep CONVNCF_SECURITY_API_KEY .env | cut -d= -f2)
$COMPOSE up -d
deadline=$((SECONDS + 900))
until curl -fsS localhost:8080/actuator/health/readiness >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { $COMPOSE logs --tail 100; echo "service not ready in time" >&2; exit 1; }
  sleep 2
done
started=$(date -d "$(docker inspect --format '{{.State.StartedAt}}' "$($COMPOSE ps -q service)")" +%s)
echo "service ready $(( $(date +%s) - started )) s after its container started (polled every 2 s)"
[ "$(docker inspect --format '{{.Config.User}}' convncf:latest)" = "10001:10001" ] || { echo "image must run as uid 10001" >&2; exit 1; }
curl -fsS 'localhost:8080/recommend/compose-user?k=5' | tee /tmp/rec-before.json | grep -q '"strategy":"popular"'
curl -fsS -X POST localhost:8080/events -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
  -d '[{"eventId":"ci-1","user":"compose-user","item":"i40"},{"eventId":"ci-2","user":"compose-user","item":"i287"}]' \
  | grep -q '"stored":2'
curl -fsS 'localhost:8080/recommend/compose-user?k=5' | tee /tmp/rec-after.json | grep -q '"strategy":"item-item"'
! grep -q '"item":"i40"' /tmp/rec-after.json
echo "compose flow ok: $(cat /tmp/rec-after.json | cut -c1-200)"
# The build argument reached the service: /actuator/info names the commit the image was built from.
curl -fsS localhost:8080/actuator/info | tee /tmp/info.json | grep -q "\"${commit:0:7}\"" \
  || { echo "actuator/info does not name commit ${commit:0:7}: $(cat /tmp/info.json)" >&2; exit 1; }
[ "$(docker inspect --format '{{index .Config.Labels "org.opencontainers.image.revision"}}' convncf:latest)" = "$commit" ]
echo "image names its commit: $(cat /tmp/info.json)"
stage "deploy checks done"
