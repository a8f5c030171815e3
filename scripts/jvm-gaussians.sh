#!/usr/bin/env bash
# Whether two JVMs draw the same SplittableRandom.nextGaussian() stream, the figure behind the trainer's
# own generator (trainer/.../bpr/Gaussians.java; docs/RESULTS.md, "Embedding initialisation changed"):
# prints the first draw where they differ, or that N draws agree.
#   scripts/jvm-gaussians.sh JAVA_A JAVA_B [SEED] [N]
#   scripts/jvm-gaussians.sh /usr/lib/jvm/java-17-openjdk-amd64/bin/java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
set -euo pipefail
cd "$(dirname "$0")"
a=${1:?JAVA_A}; b=${2:?JAVA_B}; seed=${3:-42}; n=${4:-10000000}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$a" lib/JvmGaussians.java "$tmp/a" "$seed" "$n"
"$b" lib/JvmGaussians.java "$tmp/b" "$seed" "$n"
echo "$("$a" -version 2>&1 | head -1) vs $("$b" -version 2>&1 | head -1), seed $seed:"
first=$(cmp "$tmp/a" "$tmp/b" | awk '{print $5}' | tr -d ,) || true
if [ -z "$first" ]; then
  echo "the first $n draws agree"
else
  echo "the first $(( (first - 1) / 8 )) draws agree; draw $(( (first - 1) / 8 )) (from 0) differs"
fi
