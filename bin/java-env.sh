# Sourced by the launch scripts: the JVM flags this project runs best with.
#  - the Vector API module, so the fused ConvNCF scorer can be used (it is chosen on Java 21+);
#  - DJL offline: the PyTorch natives come from the bundled jar, never from the network.
#  - glibc malloc told to keep large blocks: libtorch frees and reallocates big tensors on every call,
#    and by default glibc mmap()s and unmaps each one (85 M page faults and 2x the time for two ConvNCF
#    epochs on lastfm). These tunables halve training time and keep memory flat; jemalloc was 10 %
#    faster but its resident memory grew without bound (docs/PERFORMANCE.md, "Allocator").
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=134217728:glibc.malloc.trim_threshold=268435456:glibc.malloc.top_pad=268435456:glibc.malloc.arena_max=4}"
JAVA_OPTS="${JAVA_OPTS:-} --add-modules jdk.incubator.vector -Dai.djl.offline=true"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export JAVA_OPTS JAVA
