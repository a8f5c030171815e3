#!/usr/bin/env bash
# Every model of the trainer with its default hyper-parameters on two datasets, selected on validation
# NDCG@10 and scored once on test:
#   - lastfm-deepcf: its given leave-one-out split and 99 given negatives;
#   - ml-100k: leave-one-out (latest interaction held out), 999 sampled negatives, seed 42.
# Writes docs/results/<dataset>/results.md, per-model epochs.csv/json and learning-curve.png.
# Takes hours on 2 cores (ConvNCF dominates); set JAVA_HOME to a Java 21+ JDK for the fast scorer.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${CONVNCF_DATA:-../shared/data}"
MODELS=itempop,mf,fism,svdpp,convncf-mf,convncf-fism,convncf-svdpp,gmf,mlp,jrl,neumf,oncf-mlp,itemknn,userknn,rp3b,ease
JAR="${JAR:-trainer/target/trainer-cli.jar}"
[ -f "$JAR" ] || mvn -q -B -DskipTests package
. bin/java-env.sh
for dataset in "${@:-lastfm-deepcf ml-100k}"; do
  for d in $dataset; do
    extra=()
    [ "$d" = ml-100k ] && extra=(--validation-users 500)
    $JAVA $JAVA_OPTS -jar "$JAR" compare --data "$DATA/$d" --models "$MODELS" "${extra[@]}" --out "docs/results/$d"
  done
done
