cd "$(dirname "$0")"; exec > >(tee -a "$OUT/log2.txt") 2>&1; date -u
[ -d jre ] || tar -xJf jre.txz
TORCH=$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))')
[ -f "$TORCH/lib/libdjl_torch.so" ] || cp libdjl_torch.so "$TORCH/lib/"
rt=$(dirname "$(find "$TORCH/.." -name 'libcudart.so*' 2>/dev/null | head -1)"); mkdir -p cudart && ln -sf "$(ls "$rt"/libcudart.so* | head -1)" cudart/libcudart.so
export PYTORCH_LIBRARY_PATH=$TORCH/lib PYTORCH_VERSION=2.11.0 PYTORCH_FLAVOR=cu130 LD_LIBRARY_PATH=$TORCH/lib:$PWD/cudart:$rt
timeout 225 jre/bin/java -Xmx32g --enable-native-access=ALL-UNNAMED -jar slim.jar compare --data data/ml-100k --validation-users 500 --models fism,convncf-fism --device gpu --threads 16 --out res2/ml-100k-gpu-fism
tar -czf "$OUT/results2.tgz" res2; date -u
