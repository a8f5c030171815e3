#!/usr/bin/env bash
# usage: build-jni.sh SRC TORCH JNI_INCLUDE OUT.so [cuda]
# Builds DJL's PyTorch JNI (libdjl_torch.so) from DJL's native sources against the libtorch in TORCH
# (a folder with include/ and lib/, e.g. a pip torch package).
set -euo pipefail
src=$1 torch=$2 jinc=$3 out=$4 cuda=${5:-}
obj=$(mktemp -d)
flags=(-std=c++20 -O2 -fPIC -w -D_GLIBCXX_USE_CXX11_ABI=1 -I"$src/hdr" -I"$src/src/main/native" -I"$src/api-native"
  -I"$jinc" -I"$jinc/linux" -I"$torch/include" -I"$torch/include/torch/csrc/api/include")
libs=(-ltorch -ltorch_cpu -lc10)
if [[ -n $cuda ]]; then
  cu=${CUDA_HOME:-/usr/local/cuda}; [ -n "${CUDA_INC:-}" ] && cu=$(dirname "$CUDA_INC")
  flags+=(-DUSE_CUDA -I"$cu/include")
  libs+=(-ltorch_cuda -lc10_cuda)
fi
ls "$src"/src/main/native/*.cc | xargs -P "$(nproc)" -I{} sh -c 'g++ "$@" -c {} -o '"$obj"'/$(basename {} .cc).o' _ "${flags[@]}"
g++ -shared -o "$out" "$obj"/*.o -L"$torch/lib" -Wl,--no-as-needed "${libs[@]}" -Wl,-rpath,'$ORIGIN'
rm -rf "$obj"
