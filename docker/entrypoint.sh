#!/bin/sh
# Starts the service (default) or the trainer with the JVM settings this project runs best with.
#   entrypoint.sh service [spring args...] | trainer <command> [args...] | <any command>
set -e
JAVA_OPTS="--add-modules jdk.incubator.vector -Dai.djl.offline=true -DENGINE_CACHE_DIR=${DJL_CACHE_DIR:-/opt/djl} ${JAVA_OPTS:-}"
for lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2; do
  if [ -z "${LD_PRELOAD:-}" ] && [ -f "$lib" ]; then
    export LD_PRELOAD="$lib"
    export MALLOC_CONF="${MALLOC_CONF:-dirty_decay_ms:-1,muzzy_decay_ms:-1,narenas:2}"
  fi
done
case "${1:-service}" in
  service) [ $# -gt 0 ] && shift; exec java $JAVA_OPTS -jar /app/service.jar "$@" ;;
  trainer) shift; exec java $JAVA_OPTS -jar /app/trainer.jar "$@" ;;
  *) exec "$@" ;;
esac
