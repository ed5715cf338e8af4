#!/usr/bin/env bash
# Builds libdjl_torch.so (DJL's PyTorch JNI) from DJL's pytorch-native C++ sources against a python torch package,
# for benchmarks/gpu-check.sh.
#   DJL_NATIVE=/path/with/src/*.cc/and/include TORCH_ROOT=/path/to/site-packages/torch build-djl-jni.sh
# DJL_NATIVE/src holds engines/pytorch/pytorch-native/src/main/native of the DJL release the Java side uses (0.36.0);
# DJL_NATIVE/include holds djl/utils.h (DJL's api/src/main/native), jni.h, jni_md.h and the header that
# gen-jni-header.py generates from the pytorch-engine jar (what `javac -h` would emit).
# Mirrors engines/pytorch/pytorch-native/CMakeLists.txt for a host CUDA build:
#   CXX_STANDARD 17, add_compile_definitions(USE_CUDA) when -DUSE_CUDA=ON, ${PT_VERSION} (only for old torch,
#   e.g. V1_13_X -- leave unset for torch >= 2.x), TORCH_CXX_FLAGS (-D_GLIBCXX_USE_CXX11_ABI=...).
# Every translation unit is compiled even if another fails; all errors are printed; exit status != 0 on failure.
set -uo pipefail

: "${DJL_NATIVE:?set DJL_NATIVE to the folder holding src/ and include/}"
HERE="$(cd "$DJL_NATIVE" && pwd)"
: "${TORCH_ROOT:?set TORCH_ROOT to the torch package dir (containing include/ and lib/)}"
CUDA_INC="${CUDA_INC:-/usr/local/cuda/include}"
CXX="${CXX:-g++}"
JOBS="${JOBS:-16}"
CXX11_ABI="${CXX11_ABI:-1}"
OUT="${OUT:-$HERE/build}"
EXTRA_DEFS="${EXTRA_DEFS:-}"          # e.g. "-DV1_13_X" for very old torch
USE_CUDA="${USE_CUDA:-1}"

mkdir -p "$OUT/obj" "$OUT/log"
rm -f "$OUT"/obj/*.o "$OUT"/log/*.log "$OUT/libdjl_torch.so"

DEFS="-D_GLIBCXX_USE_CXX11_ABI=${CXX11_ABI} ${EXTRA_DEFS}"
LIBS="-ltorch -ltorch_cpu -lc10"
if [ "$USE_CUDA" = "1" ]; then
  DEFS="$DEFS -DUSE_CUDA"
  LIBS="$LIBS -ltorch_cuda -lc10_cuda"
fi

CXXFLAGS="-std=c++17 -O2 -fPIC -fvisibility=default -Wno-deprecated-declarations $DEFS \
 -I$HERE/include -I$HERE/src -I$TORCH_ROOT/include -I$TORCH_ROOT/include/torch/csrc/api/include -I$CUDA_INC"
export CXX CXXFLAGS OUT

compile_one() {
  src="$1"
  base="$(basename "$src" .cc)"
  if $CXX $CXXFLAGS -c "$src" -o "$OUT/obj/$base.o" >"$OUT/log/$base.log" 2>&1; then
    echo "OK    $base"
  else
    echo "FAIL  $base"
    : >"$OUT/log/$base.failed"
  fi
}
export -f compile_one

echo "== compiling with: $CXX $CXXFLAGS"
ls "$HERE"/src/*.cc | xargs -P "$JOBS" -I{} bash -c 'compile_one "$@"' _ {}

failed=0
for f in "$OUT"/log/*.failed; do
  [ -e "$f" ] || continue
  failed=$((failed + 1))
  base="$(basename "$f" .failed)"
  echo "=================== errors: $base ==================="
  grep -E "error|Error" -A3 "$OUT/log/$base.log" | head -200
done
if [ "$failed" -ne 0 ]; then
  echo "== $failed translation unit(s) failed; full logs in $OUT/log/"
  exit 1
fi

echo "== linking $OUT/libdjl_torch.so"
if ! $CXX -shared -o "$OUT/libdjl_torch.so" "$OUT"/obj/*.o -L"$TORCH_ROOT/lib" -Wl,--no-as-needed $LIBS \
    -Wl,-rpath,"$TORCH_ROOT/lib"; then
  echo "== link failed"
  exit 1
fi
# every JNI symbol the 0.36.0 Java class needs must be exported
missing=0
if command -v nm >/dev/null; then
  nm -D --defined-only "$OUT/libdjl_torch.so" | awk '{print $3}' | sort -u >"$OUT/exported.txt"
  grep -oE 'Java_ai_djl_pytorch_jni_PyTorchLibrary_[A-Za-z0-9_]+' "$HERE/include/ai_djl_pytorch_jni_PyTorchLibrary.h" \
    | sort -u | comm -23 - "$OUT/exported.txt" >"$OUT/missing_symbols.txt"
  missing=$(wc -l <"$OUT/missing_symbols.txt")
  echo "== JNI symbols declared in header but not exported: $missing"
  cat "$OUT/missing_symbols.txt"
fi
ls -la "$OUT/libdjl_torch.so"
[ "$missing" -eq 0 ]
