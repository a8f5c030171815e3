#!/bin/sh
# Starts the service (default) or the trainer with the JVM settings this project runs best with.
#   entrypoint.sh service [spring args...] | trainer <command> [args...] | <any command>
set -e
JAVA_OPTS="--add-modules jdk.incubator.vector -Dai.djl.offline=true -DENGINE_CACHE_DIR=${DJL_CACHE_DIR:-/opt/djl} ${JAVA_OPTS:-}"
# Keep large blocks in glibc's heap instead of mmap/munmap per tensor (see bin/java-env.sh).
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=134217728:glibc.malloc.trim_threshold=268435456:glibc.malloc.top_pad=268435456:glibc.malloc.arena_max=4}"
case "${1:-service}" in
  service) [ $# -gt 0 ] && shift; exec java $JAVA_OPTS -jar /app/service.jar "$@" ;;
  trainer) shift; exec java $JAVA_OPTS -jar /app/trainer.jar "$@" ;;
  *) exec "$@" ;;
esac
