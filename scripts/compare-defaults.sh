#!/usr/bin/env bash
# Every model of the trainer with its default hyper-parameters, selected on validation NDCG@10 and
# scored once on test, per dataset (docs/RESULTS.md has each table, its run date and its budget):
#   - lastfm-deepcf: its given leave-one-out split and 99 given negatives;
#   - ml-100k: leave-one-out (latest interaction held out), 999 sampled negatives, seed 42;
#   - ml-1m-lightgcnpp: its three files pooled, leave-one-out (random held-out item, seeded), 999
#     sampled negatives; ConvNCF and ONCF capped at 2 epochs (the 2-core budget);
#   - gowalla-lightgcn: the paper protocol on the LightGCN files pooled (as ml-1m); ConvNCF capped at
#     2 epochs, EASE^R left out (see below);
#   - gowalla-lightgcn-full: the LightGCN train/test split, full ranking (Recall/NDCG@20 over all
#     unseen items); ConvNCF-SVD++ served two-stage (C = 100, 500, 1000 candidates from SVD++,
#     re-ranked by the CNN), capped at 2 epochs.
# Writes docs/results/<dataset>/results.md, per-model epochs.csv/json, learning-curve.png and
# test-per-user.csv.gz (for `trainer paired` across runs), after every model, so an interrupted run
# keeps what finished. Takes hours on 2 cores (ConvNCF dominates); set JAVA_HOME to a Java 21+ JDK
# for the fast scorer. THREADS=1 runs two datasets side by side without their engine threads
# fighting over the cores. MODELS=a,b,c runs only those models (in that order) and writes to
# docs/results/<dataset>-<MODELS with commas as dashes>, so a partial run can be completed without
# redoing what finished.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${CONVNCF_DATA:-../shared/data}"
ALL=itempop,mf,fism,svdpp,convncf-mf,convncf-fism,convncf-svdpp,gmf,mlp,jrl,neumf,oncf-mlp,itemknn,userknn,rp3b,ease
JAR="${JAR:-trainer/target/trainer-cli.jar}"
[ -f "$JAR" ] || mvn -q -B -DskipTests package
. bin/java-env.sh
threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
cap2=(--set convncf-mf.epochs=2 --set convncf-fism.epochs=2 --set convncf-svdpp.epochs=2 --set oncf-mlp.epochs=2)
for d in ${@:-lastfm-deepcf ml-100k}; do
  case "$d" in
    lastfm-deepcf) models=$ALL args=(--data "$DATA/lastfm-deepcf") ;;
    ml-100k) models=$ALL args=(--data "$DATA/ml-100k" --validation-users 500) ;;
    ml-1m-lightgcnpp)
      # Cheap models first: a run cut short still has its baselines.
      models=itempop,mf,svdpp,convncf-svdpp,ease,rp3b,itemknn,userknn,fism,convncf-fism,convncf-mf,gmf,neumf,mlp,jrl,oncf-mlp
      args=(--data "$DATA/ml-1m-lightgcnpp" --split leave-one-out --validation-users 500 --paper-style false "${cap2[@]}") ;;
    gowalla-lightgcn)
      # EASE^R is left out: its dense 40,981 x 40,981 item matrix does not fit a 2-core machine's budget.
      models=itempop,mf,itemknn,rp3b,userknn,svdpp,convncf-svdpp,fism,convncf-fism,convncf-mf,gmf,neumf,mlp,jrl,oncf-mlp
      args=(--data "$DATA/gowalla-lightgcn" --split leave-one-out --validation-users 500 --paper-style false "${cap2[@]}") ;;
    gowalla-lightgcn-full)
      # EASE^R is left out: its dense 40,981 x 40,981 item matrix does not fit a 2-core machine's budget.
      args=(--data "$DATA/gowalla-lightgcn" --split given --protocol full-ranking --two-stage 100,500,1000
        --validation-users 500 --paper-style false --set convncf-svdpp.epochs=2)
      models=itempop,mf,svdpp,convncf-svdpp,itemknn,rp3b,userknn ;;
    *) echo "unknown dataset '$d' (lastfm-deepcf, ml-100k, ml-1m-lightgcnpp, gowalla-lightgcn, gowalla-lightgcn-full)" >&2
       exit 2 ;;
  esac
  out="docs/results/$d${MODELS:+-${MODELS//,/-}}"
  $JAVA $JAVA_OPTS -jar "$JAR" compare "${args[@]}" --models "${MODELS:-$models}" "${threads[@]}" --out "$out"
done
