// JNI functions of DJL 0.36.0's PyTorchLibrary that the older native sources at hand lack,
// written for this rebuild (TorchScript module functions are left out: the trainer loads none).
#include <djl/utils.h>
#include <torch/torch.h>

#include "ai_djl_pytorch_jni_PyTorchLibrary.h"
#include "djl_pytorch_jni_exception.h"
#include "djl_pytorch_utils.h"

using TensorIndices = std::vector<torch::indexing::TensorIndex>;

static torch::Tensor& T(jlong handle) { return *reinterpret_cast<torch::Tensor*>(handle); }
static jlong H(torch::Tensor t) { return reinterpret_cast<uintptr_t>(new torch::Tensor(std::move(t))); }

static jlongArray Handles(JNIEnv* env, std::initializer_list<torch::Tensor> tensors) {
  std::vector<jlong> handles;
  for (const auto& t : tensors) handles.push_back(H(t));
  jlongArray out = env->NewLongArray(static_cast<jsize>(handles.size()));
  env->SetLongArrayRegion(out, 0, static_cast<jsize>(handles.size()), handles.data());
  return out;
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_conj(JNIEnv* env, jobject, jlong h) {
  API_BEGIN()
  return H(torch::conj(T(h)));
  API_END_RETURN()
}

JNIEXPORT void JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchDeleteIndex(JNIEnv* env, jobject, jlong index) {
  API_BEGIN()
  delete reinterpret_cast<TensorIndices*>(index);
  API_END()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchDiagonal(
    JNIEnv* env, jobject, jlong h, jlong offset, jlong axis1, jlong axis2) {
  API_BEGIN()
  return H(T(h).diagonal(offset, axis1, axis2));
  API_END_RETURN()
}

JNIEXPORT jobject JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchDirectByteBuffer(JNIEnv* env, jobject, jlong h) {
  API_BEGIN()
  auto& t = T(h);
  return env->NewDirectByteBuffer(t.data_ptr(), static_cast<jlong>(t.nbytes()));
  API_END()
  return nullptr;
}

JNIEXPORT jboolean JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchIsContiguous(JNIEnv* env, jobject, jlong h) {
  API_BEGIN()
  return T(h).is_contiguous();
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchToContiguous(JNIEnv* env, jobject, jlong h) {
  API_BEGIN()
  return H(T(h).contiguous());
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchIndexAdvGet(
    JNIEnv* env, jobject, jlong h, jlong index) {
  API_BEGIN()
  return H(T(h).index(*reinterpret_cast<TensorIndices*>(index)));
  API_END_RETURN()
}

JNIEXPORT void JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchIndexAdvPut(
    JNIEnv* env, jobject, jlong h, jlong index, jlong data) {
  API_BEGIN()
  T(h).index_put_(*reinterpret_cast<TensorIndices*>(index), T(data));
  API_END()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchPut(
    JNIEnv* env, jobject, jlong h, jlong index, jlong value) {
  API_BEGIN()
  return H(T(h).put(T(index), T(value)));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchScatter(
    JNIEnv* env, jobject, jlong h, jlong index, jlong value, jint axis) {
  API_BEGIN()
  return H(T(h).scatter(axis, T(index), T(value)));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchPad(
    JNIEnv* env, jobject, jlong h, jlongArray shape, jdouble value) {
  API_BEGIN()
  return H(torch::constant_pad_nd(T(h), djl::utils::jni::GetVecFromJLongArray(env, shape), value));
  API_END_RETURN()
}

JNIEXPORT jlongArray JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchTopK(
    JNIEnv* env, jobject, jlong h, jlong k, jlong axis, jboolean largest, jboolean sorted) {
  API_BEGIN()
  auto result = T(h).topk(k, axis, largest, sorted);
  return Handles(env, {std::get<0>(result), std::get<1>(result)});
  API_END()
  return nullptr;
}

JNIEXPORT jlongArray JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchUnique(
    JNIEnv* env, jobject, jlong h, jlong dim, jboolean sorted, jboolean inverse, jboolean counts) {
  API_BEGIN()
  auto result = dim < 0 ? torch::_unique2(T(h), sorted, inverse, counts)
                        : torch::unique_dim(T(h), dim, sorted, inverse, counts);
  return Handles(env, {std::get<0>(result), std::get<1>(result), std::get<2>(result)});
  API_END()
  return nullptr;
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchNNNormalize(
    JNIEnv* env, jobject, jlong h, jdouble p, jlong dim, jdouble eps) {
  API_BEGIN()
  namespace F = torch::nn::functional;
  return H(F::normalize(T(h), F::NormalizeFuncOptions().p(p).dim(dim).eps(eps)));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchIfft(
    JNIEnv* env, jobject, jlong h, jlong length, jlong axis) {
  API_BEGIN()
  return H(torch::fft_ifft(T(h), length, axis));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchRfft(
    JNIEnv* env, jobject, jlong h, jlong length, jlong axis) {
  API_BEGIN()
  return H(torch::fft_rfft(T(h), length, axis));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchIrfft(
    JNIEnv* env, jobject, jlong h, jlong length, jlong axis) {
  API_BEGIN()
  return H(torch::fft_irfft(T(h), length, axis));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchIfft2(
    JNIEnv* env, jobject, jlong h, jlongArray sizes, jlongArray axes) {
  API_BEGIN()
  return H(torch::fft_ifft2(T(h), djl::utils::jni::GetVecFromJLongArray(env, sizes),
      djl::utils::jni::GetVecFromJLongArray(env, axes)));
  API_END_RETURN()
}
