#!/usr/bin/env bash
# The scripts/tune-equal-budget.sh svdpp grid for gowalla-lightgcn, with the lrEmbedding=0.05 half first
# (the same four configurations; trial records are keyed by settings, so RESUME=1 with the script continues it).
set -euo pipefail
cd /work/main
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
. bin/java-env.sh
exec $JAVA $JAVA_OPTS -jar /tmp/exp/trainer-f0d8f61.jar tune --data /work/shared/data/gowalla-lightgcn \
  --validation-users 500 --paper-style false --split leave-one-out --threads 2 --model svdpp \
  --grid lrEmbedding=0.05,0.02 --grid lambdaItem=0.001,0.01 --out docs/results/gowalla-lightgcn-tuned/svdpp "$@"
