#!/usr/bin/env bash
# Copied from ../shared/tools/local-images (the environment notes). Builds local stand-ins for public base images on a machine that can reach Debian's package mirror
# but no image registry. Starts a Docker engine first if none answers. Run as root.
#
#   build.sh [--jre TAG] [--postgres TAG] [--alpine TAG] [--maven TAG]
#
# Defaults: --jre eclipse-temurin:17-jre  --postgres postgres:15  (Debian bookworm's PostgreSQL is 15)
#           --alpine alpine:3.17 (Testcontainers starts this image for its start-up checks; without it,
#           Testcontainers retries a pull for minutes and then reports Docker as unavailable)
# Each stand-in keeps the public image's contract that tests and Dockerfiles rely on:
#   JRE: `java` 17 on PATH.  PostgreSQL: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, port 5432,
#   data in /var/lib/postgresql/data, logs "database system is ready to accept connections".
# Prints the seconds each step took. Leaves dockerd running (its PID in /run/local-dockerd.pid).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jre=eclipse-temurin:17-jre; pg=postgres:15; alpine=alpine:3.17; maven=""
while [ $# -gt 0 ]; do
  case $1 in
    --jre) jre=$2; shift 2 ;; --postgres) pg=$2; shift 2 ;; --alpine) alpine=$2; shift 2 ;;
    --maven) maven=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
step() { echo "[local-images] $* ($SECONDS s)"; }

need=""
command -v dockerd >/dev/null || need="$need docker.io"
command -v debootstrap >/dev/null || need="$need debootstrap"
if [ -n "$need" ]; then
  step "installing$need"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  step "starting dockerd"
  nohup dockerd >/var/log/local-dockerd.log 2>&1 &
  echo $! >/run/local-dockerd.pid
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; see /var/log/local-dockerd.log" >&2; exit 1; }
fi

mirror() { # the Debian mirror this machine's apt already uses
  { grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}';
    grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}'; } | grep -v security | head -n1
}
if ! docker image inspect local/debian:bookworm >/dev/null 2>&1; then
  step "debootstrap bookworm"
  root=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$root" "$(mirror)" >/dev/null
  tar -C "$root" -c . | docker import - local/debian:bookworm >/dev/null
  rm -rf "$root"
fi

build() { # tag dockerfile-dir
  step "building $1"
  # the legacy builder warns about BuildKit on stderr; show output only when the build fails
  out=$(docker build -q -t "$1" "$2" 2>&1) || { echo "$out" >&2; exit 1; }
}
build "$jre" "$here/jre"
build "$pg" "$here/postgres"
if [ -n "$maven" ]; then
  # The build stage downloads from Maven Central: give it the CA certificates this machine trusts
  # beyond Debian's (an egress proxy that inspects TLS, for instance).
  ctx=$(mktemp -d)
  cp -r "$here/maven/." "$ctx/"
  mkdir -p "$ctx/certs"
  cp /usr/local/share/ca-certificates/*.crt "$ctx/certs/" 2>/dev/null || true
  build "$maven" "$ctx"
  rm -rf "$ctx"
fi
step "tagging $alpine (a shell and df are all it needs)"
docker tag local/debian:bookworm "$alpine"
step "done: $(docker images --format '{{.Repository}}:{{.Tag}}' | tr '\n' ' ')"
