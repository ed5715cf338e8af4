#!/usr/bin/env bash
# The trainer on a CUDA GPU: tokens/s and model FLOP utilization of imlab's real training step
# (io.imlab.benchmarks.TrainingUtilization), on a machine that has a GPU and Python's PyTorch but no JVM and
# no network (the lent GPU machine). Two halves:
#
#   benchmarks/gpu-check.sh prepare   here: builds .gpucheck/ (a jlink'd JRE, the trainer's runtime jars and
#                                     DJL's PyTorch JNI for linux-x86_64 only), about 50 MiB
#   benchmarks/gpu-check.sh run       there, from the repository root, with .gpucheck/ carried along
#
# DJL 0.36 ships its JNI (libdjl_torch.so) for PyTorch 2.7.1 and downloads libtorch at run time; neither works
# there (PyTorch 2.11, no network). So `run` builds the JNI from DJL's pytorch-native C++ sources (put them in
# .gpucheck/djl-native/src and include/ before `prepare`'s bundle travels; they are not part of this repository;
# benchmarks/gpu-check/gen-jni-header.py writes the JNI header) with benchmarks/gpu-check/build-djl-jni.sh against
# python3's torch, and points DJL at that libtorch (PYTORCH_LIBRARY_PATH). Nothing here is needed by CI or the tests.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BUNDLE="$ROOT/.gpucheck"

prepare() {
  set -e
  "$ROOT/mvnw" -B -q -o -f "$ROOT/pom.xml" -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt >&2
  rm -rf "$BUNDLE" && mkdir -p "$BUNDLE/lib"
  tr ':' '\n' < "$ROOT/benchmarks/target/runtime-classpath.txt" \
    | grep -E 'imlab-|ai/djl/api|pytorch-engine|jackson|gson|/jna/|commons-compress|commons-io|commons-lang3|slf4j-api' \
    | xargs -I{} cp {} "$BUNDLE/lib/"
  (cd "$ROOT/benchmarks/target/classes" && jar cf "$BUNDLE/lib/imlab-benchmarks.jar" io)
  local slf4j_simple
  slf4j_simple="$(find ~/.m2/repository/org/slf4j/slf4j-simple -name 'slf4j-simple-2.*.jar' | sort -V | tail -1)"
  cp "$slf4j_simple" "$BUNDLE/lib/"
  # DJL's JNI jar holds every platform (15 MiB); keep the Linux x86-64 ones.
  local jni tmp
  jni="$(tr ':' '\n' < "$ROOT/benchmarks/target/runtime-classpath.txt" | grep pytorch-jni)"
  tmp="$(mktemp -d)"
  (cd "$tmp" && unzip -q "$jni" && zip -q -r "$BUNDLE/lib/$(basename "$jni")" META-INF jnilib/pytorch.properties jnilib/linux-x86_64)
  rm -rf "$tmp"
  jlink --add-modules java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$BUNDLE/jre"
  du -sh "$BUNDLE"
}

run() {
  local out="${OUT:-$ROOT/benchmarks/target/gpu-check}"
  mkdir -p "$out"
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  local torch_lib torch_version
  torch_lib="$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')" || exit 3
  torch_version="$(python3 -c 'import torch; print(torch.__version__, torch.version.cuda, torch.cuda.is_available())')"
  echo "python3 torch: $torch_version at $torch_lib"
  # DJL 0.36's prebuilt JNI targets libtorch 2.7.1 and reads tensor fields through inline accessors, so it
  # cannot run on another libtorch (tried: once four missing symbols were bridged, data access read a shifted
  # TensorImpl layout). Build the JNI from DJL's pytorch-native sources against this machine's libtorch instead.
  local torch_root djl_version=0.36.0 pt_version flavor
  torch_root="$(dirname "$torch_lib")"
  pt_version="$(python3 -c 'import torch; print(torch.__version__.split("+")[0])')"
  flavor="cu$(python3 -c 'import torch; print(torch.version.cuda.replace(".", ""))')"
  ls "$BUNDLE"/djl-native/src/*.cc >/dev/null 2>&1 \
    || { echo "no DJL JNI sources in $BUNDLE/djl-native/src (see trainer/README.md, \"On a GPU\")"; exit 3; }
  DJL_NATIVE="$BUNDLE/djl-native" TORCH_ROOT="$torch_root" OUT=/tmp/djl-jni \
    "$ROOT/benchmarks/gpu-check/build-djl-jni.sh" > "$out/jni-build.log" 2>&1
  local built=$?
  grep -E "^(OK|FAIL|==)" "$out/jni-build.log"
  if [ $built -ne 0 ]; then
    grep -E "error" -A3 "$out/jni-build.log" | head -150
    exit 4
  fi
  export DJL_CACHE_DIR=/tmp/djl-cache
  mkdir -p "$DJL_CACHE_DIR/pytorch/$pt_version-$flavor-linux-x86_64"
  cp /tmp/djl-jni/libdjl_torch.so "$DJL_CACHE_DIR/pytorch/$pt_version-$flavor-linux-x86_64/$djl_version-libdjl_torch.so"
  export PYTORCH_LIBRARY_PATH="$torch_lib" PYTORCH_VERSION="$pt_version" PYTORCH_FLAVOR="$flavor"
  local java=("$BUNDLE/jre/bin/java" -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=info
    -cp "$BUNDLE/lib/*" io.imlab.benchmarks.TrainingUtilization)
  # 1. the CPU figure's configuration (small preset, 16 x 256), 2. a GPT-2-small-sized model at 8 x 1024;
  # each in every precision asked for (GPU_CHECK_PRECISIONS, default "fp32"; bf16 and fp16 are refused by this trainer, see trainer/README.md).
  local precision
  for precision in ${GPU_CHECK_PRECISIONS:-fp32}; do
    IMLAB_PRECISION=$precision timeout 180 "${java[@]}" preset=small batch=16 length=256 rounds=3 matrix=4096 2>&1 \
      | tee "$out/small-$precision.jsonl"
    IMLAB_PRECISION=$precision timeout 240 "${java[@]}" layers=12 dModel=768 heads=12 batch=8 length=1024 rounds=3 \
      matrix=8192 2>&1 | tee "$out/gpt2-small-sized-$precision.jsonl"
  done
}

case "${1:-}" in
  prepare) prepare ;;
  run) run ;;
  *) echo "usage: $0 prepare|run" >&2; exit 2 ;;
esac
