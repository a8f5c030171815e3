#!/usr/bin/env bash
# Quick start: build everything, train RP3beta (the default served model) and a small ConvNCF-SVD++
# on the generated (clearly synthetic) dataset unless the model store already has them, and start the
# service on the embedded database (CONVNCF_MODEL_NAME=convncf-svdpp serves ConvNCF instead).
# Needs only a JDK (17+) and Maven. Then try the curl examples in README.md.
set -euo pipefail
cd "$(dirname "$0")"
STORE="${CONVNCF_MODEL_STORE:-models}"
# A fixed key so that the README's curl examples work; for local use only. Real deployments set
# CONVNCF_SECURITY_API_KEY from a secret (the service has no key, and refuses writes, otherwise).
export CONVNCF_SECURITY_API_KEY="${CONVNCF_SECURITY_API_KEY:-quickstart-local-key}"
. bin/java-env.sh

mvn -q -B -DskipTests package
if [ ! -f "$STORE/rp3b/current" ]; then
  echo "Training RP3beta on the synthetic dataset into $STORE (seconds)..."
  $JAVA $JAVA_OPTS -jar trainer/target/trainer-cli.jar train --data synthetic --model rp3b \
    --negatives 99 --validation-users 300 --store "$STORE"
fi
if [ ! -f "$STORE/convncf-svdpp/current" ]; then
  echo "Training ConvNCF-SVD++ on the synthetic dataset into $STORE (a few minutes on 2 cores)..."
  $JAVA $JAVA_OPTS -jar trainer/target/trainer-cli.jar train --data synthetic --model convncf-svdpp \
    --negatives 99 --validation-users 300 --set convncf-svdpp.epochs=3 --paper-style false --store "$STORE"
fi
echo "Starting the service on http://localhost:8080 (model store: $STORE)"
exec $JAVA $JAVA_OPTS -jar service/target/service.jar --convncf.model.store="$STORE"
