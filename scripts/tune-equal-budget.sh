#!/usr/bin/env bash
# Tunes each model family on validation NDCG@10 with the same budget, four configurations per
# family (each grid contains the defaults), then scores the selected configuration once on test.
# Writes docs/results/<dataset>-tuned/<model>/{tuning.md,results.md,...}. ConvNCF is capped at
# EPOCHS_CONVNCF epochs (default 5) and pre-trained from SVD++ at its defaults.
#   scripts/tune-equal-budget.sh [dataset]     (default ml-100k; THREADS=1 to share the machine)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${CONVNCF_DATA:-../shared/data}"
JAR="${JAR:-trainer/target/trainer-cli.jar}"
[ -f "$JAR" ] || mvn -q -B -DskipTests package
. bin/java-env.sh
d="${1:-ml-100k}"
common=(--data "$DATA/$d" --validation-users 500 --paper-style false)
[ -n "${THREADS:-}" ] && common+=(--threads "$THREADS")
tune() {
  local model=$1; shift
  $JAVA $JAVA_OPTS -jar "$JAR" tune "${common[@]}" --model "$model" "$@" --out "docs/results/$d-tuned/$model"
}
tune mf --grid lrEmbedding=0.02,0.05 --grid lambdaItem=0.001,0.01
tune svdpp --grid lrEmbedding=0.02,0.05 --grid lambdaItem=0.001,0.01
tune convncf-svdpp --grid lrEmbedding=0.005,0.05 --grid lambdaOutput=0.1,1 --set "convncf-svdpp.epochs=${EPOCHS_CONVNCF:-5}"
tune itemknn --grid topK=100,400 --grid shrink=10,100
tune rp3b --grid alpha=0.5,1.0 --grid beta=0.3,0.6
tune ease --grid lambda=100,250,500,1000
