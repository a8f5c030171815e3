#!/usr/bin/env bash
# Tunes each model family on validation NDCG@10 with the same budget, four configurations per
# family (each grid contains the defaults), then scores the selected configuration once on test.
# Writes docs/results/<dataset>-tuned/<model>/{tuning.md,results.md,...}. ConvNCF and ONCF-mlp are
# capped at EPOCHS_CONVNCF epochs (default 5); ConvNCF is pre-trained from its counterpart (SVD++,
# FISM, MF) at its defaults, the neural baselines from MF at its defaults: the counterpart is trained
# once per dataset into the model store PRETRAINED (default runs/pretrained/<dataset>) and every grid
# and test stage reads it back (`tune --pretrained`; the same model as training it each time, which
# the grids in docs/RESULTS.md up to 2026-11-28 did, without the minutes to hours that costs). The neural baselines
# (GMF, MLP, JRL, NeuMF, ONCF-mlp) share ConvNCF's recipe and get its grid's dimensions around their
# own defaults (lrEmbedding 0.005, lambdaOutput 0.01). The tuned shallow counterparts (MF, FISM,
# SVD++) are published to the model store TUNED (default runs/tuned/<dataset>), so that ConvNCF can
# be pre-trained from them (`compare --pretrained svdpp=runs/tuned/<dataset> --models svdpp,convncf-svdpp`).
#   scripts/tune-equal-budget.sh [dataset]     (default ml-100k; THREADS=1 to share the machine)
#   FAMILIES=itemknn,userknn,rp3b,ease scripts/tune-equal-budget.sh ml-1m-lightgcnpp
#   OUT=/tmp/results scripts/tune-equal-budget.sh   (write there instead of docs/results, e.g. while
#                                                   committing other work during a long run)
#   RESUME=1 scripts/tune-equal-budget.sh ...       (after a stop: `trainer tune --resume`, finished
#                                                   configurations are not trained again)
# Splits as in scripts/compare-defaults.sh: lastfm-deepcf its given split, ml-100k latest-by-time,
# ml-1m-lightgcnpp and gowalla-lightgcn their files pooled with a random held-out item (seeded),
# gowalla-lightgcn-full LightGCN's given split under full ranking (selection on validation NDCG@10
# over all unseen items).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${CONVNCF_DATA:-../shared/data}"
JAR="${JAR:-trainer/target/trainer-cli.jar}"
[ -f "$JAR" ] || mvn -q -B -DskipTests package
. bin/java-env.sh
d="${1:-ml-100k}"
common=(--data "$DATA/${d%-full}" --validation-users 500 --paper-style false)
case "$d" in
  lastfm-deepcf|ml-100k) ;;
  ml-1m-lightgcnpp|gowalla-lightgcn) common+=(--split leave-one-out) ;;
  gowalla-lightgcn-full) common+=(--split given --protocol full-ranking) ;;
  *) echo "unknown dataset '$d' (lastfm-deepcf, ml-100k, ml-1m-lightgcnpp, gowalla-lightgcn, gowalla-lightgcn-full)" >&2
     exit 2 ;;
esac
[ -n "${THREADS:-}" ] && common+=(--threads "$THREADS")
store="${PRETRAINED:-runs/pretrained/$d}"
# The counterpart a family pre-trains from, trained at its defaults once into $store (kept for --resume:
# the trial records name the stored version), as a --pretrained option.
pretrained() {
  local m=$1
  if [ ! -e "$store/$m/current" ]; then
    $JAVA $JAVA_OPTS -jar "$JAR" train "${common[@]}" --model "$m" --store "$store" --out "$store/$m-run" >&2
  fi
  echo "--pretrained $m=$store"
}
resume=()   # for tune only: train (the counterpart above) has no --resume
[ -n "${RESUME:-}" ] && resume=(--resume)
tune() {
  local model=$1; shift
  $JAVA $JAVA_OPTS -jar "$JAR" tune "${common[@]}" ${resume[@]+"${resume[@]}"} --model "$model" "$@" \
    --out "${OUT:-docs/results}/$d-tuned/$model"
}
IFS=, read -r -a families <<< "${FAMILIES:-mf,svdpp,convncf-svdpp,itemknn,rp3b,ease}"
for f in "${families[@]}"; do
  case "$f" in
    mf|fism|svdpp) tune "$f" --grid lrEmbedding=0.02,0.05 --grid lambdaItem=0.001,0.01 --store "${TUNED:-runs/tuned/$d}" ;;
    # (the counterpart first, as an assignment: a failed training stops the script under set -e)
    convncf-mf|convncf-fism|convncf-svdpp) p=$(pretrained "${f#convncf-}")
      tune "$f" --grid lrEmbedding=0.005,0.05 --grid lambdaOutput=0.1,1 --set "$f.epochs=${EPOCHS_CONVNCF:-5}" $p ;;
    gmf|mlp|jrl|neumf) p=$(pretrained mf); tune "$f" --grid lrEmbedding=0.005,0.05 --grid lambdaOutput=0.01,0.1 $p ;;
    oncf-mlp) p=$(pretrained mf)
      tune oncf-mlp --grid lrEmbedding=0.005,0.05 --grid lambdaOutput=0.01,0.1 --set "oncf-mlp.epochs=${EPOCHS_CONVNCF:-5}" $p ;;
    itemknn|userknn) tune "$f" --grid topK=100,400 --grid shrink=10,100 ;;
    rp3b) tune rp3b --grid alpha=0.5,1.0 --grid beta=0.3,0.6 ;;
    ease) tune ease --grid lambda=100,250,500,1000 ;;
    *) echo "no grid for '$f' (mf, fism, svdpp, convncf-mf, convncf-fism, convncf-svdpp, gmf, mlp, jrl, neumf," \
         "oncf-mlp, itemknn, userknn, rp3b, ease)" >&2; exit 2 ;;
  esac
done
