#!/usr/bin/env bash
# GPU check: rebuild DJL's JNI against the machine's libtorch, then train ConvNCF on the GPU.
cd "$(dirname "$0")"
log=$OUT/log.txt
exec > >(tee -a "$log") 2>&1
start=$(date +%s); el() { echo "[$(( $(date +%s) - start )) s] $*"; }
el start; date -u
tar -xJf jre.txz
TORCH=$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))')
python3 -c 'import torch; print(torch.__version__, torch.version.cuda, torch.cuda.get_device_name(0))'
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
lscpu | grep -E 'Model name|^CPU\(s\)'
g++ --version | head -1
inc=$(ls -d /usr/local/cuda/include 2>/dev/null || dirname "$(find /usr/local /opt /usr/include -name cuda_runtime_api.h 2>/dev/null | head -1)")
echo "CUDA include: $inc"
el build JNI
CUDA_INC=$inc timeout 300 ./build-jni.sh djl-src "$TORCH" jni/include "$TORCH/lib/libdjl_torch.so" cuda 2>&1 | grep -E 'error|warning: undefined' | head -30
ls -la "$TORCH/lib/libdjl_torch.so" || exit 1
cp "$TORCH/lib/libdjl_torch.so" "$OUT/"
el JNI built
rt=$(dirname "$(find "$TORCH/.." /usr/local/cuda* -name 'libcudart.so*' 2>/dev/null | head -1)")
mkdir -p cudart && ln -sf "$(ls "$rt"/libcudart.so* | head -1)" cudart/libcudart.so
export PYTORCH_LIBRARY_PATH=$TORCH/lib PYTORCH_VERSION=$(python3 -c 'import torch; print(torch.__version__.split("+")[0])') PYTORCH_FLAVOR=cu130
export LD_LIBRARY_PATH=$TORCH/lib:$PWD/cudart:$rt${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
J="jre/bin/java -XX:+UseParallelGC -Xmx32g --enable-native-access=ALL-UNNAMED -jar slim.jar"
$J engine
el benchmark
timeout 60 $J benchmark --device gpu --seconds 1 --candidates 1000,10000 --train-batch 512
el ml-100k
left() { echo $(( 540 - ($(date +%s) - start) )); }
timeout "$(left)" $J compare --data data/ml-100k --validation-users 500 --models mf,convncf-mf --device gpu --threads 16 --out res/ml-100k-gpu
el ml-1m
[ "$(left)" -gt 60 ] && timeout "$(left)" $J compare --data data/ml-1m-lightgcnpp --split leave-one-out --validation-users 500 --paper-style false --models mf,convncf-mf --device gpu --threads 16 --out res/ml-1m-gpu
el done
tar -czf "$OUT/results.tgz" res 2>/dev/null
nvidia-smi --query-gpu=memory.used --format=csv,noheader
