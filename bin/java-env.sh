# Sourced by the launch scripts: the JVM flags this project runs best with.
#  - the Vector API module, so the fused ConvNCF scorer can be used (it is chosen on Java 21+);
#  - jemalloc when the machine has it: libtorch allocates and frees large tensors on every call and
#    glibc's malloc maps and unmaps them each time (page faults dominate DJL's CPU time without it);
#  - DJL offline: the PyTorch natives come from the bundled jar, never from the network.
JAVA_OPTS="${JAVA_OPTS:-} --add-modules jdk.incubator.vector -Dai.djl.offline=true"
for lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2; do
  if [ -z "${LD_PRELOAD:-}" ] && [ -f "$lib" ]; then
    export LD_PRELOAD="$lib"
    # Keep freed pages (no decay): decaying them costs a page-fault storm per training step; the RSS
    # stays at the peak working set (docs/PERFORMANCE.md).
    export MALLOC_CONF="${MALLOC_CONF:-dirty_decay_ms:-1,muzzy_decay_ms:-1,narenas:2}"
  fi
done
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export JAVA_OPTS JAVA
