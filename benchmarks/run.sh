#!/usr/bin/env bash
# Builds the benchmarks module and prints the mixture pipeline's figures:
#  1. JMH: sample -> format -> tokenize -> pack throughput against tokenizer-only throughput on the same texts,
#     for the byte and GPT-2 BPE tokenizers (target: pipeline >= 80% of tokenizer only);
#  2. heap after GC while writing a mixture and one ten times larger (target: flat).
# Extra JMH options go in JMH_ARGS (e.g. JMH_ARGS="-wi 1 -i 2" for a quick look). OPT's GPT-2 files are read
# from IMLAB_SHARED_DATA (default: ../shared/data next to the repository).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SHARED="${IMLAB_SHARED_DATA:-$ROOT/../shared/data}"
OUT="$ROOT/benchmarks/target"

"$ROOT/mvnw" -B -q -o -f "$ROOT/pom.xml" -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >&2
CP="$OUT/classes:$(cat "$OUT/classpath.txt")"

# Other builds on the machine skew the figures: say how busy it was before and after.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "== throughput (JMH 1.37, 1 fork; one operation = 2000 examples, sequences of 2048 tokens) =="
java -cp "$CP" org.openjdk.jmh.Main MixturePipelineBenchmark -rf json -rff "$OUT/jmh-result.json" \
  -jvmArgsAppend "-Dimlab.shared.data=$SHARED" ${JMH_ARGS:-} > "$OUT/jmh-output.txt"
java -cp "$CP" io.imlab.benchmarks.BenchmarkTable "$OUT/jmh-result.json"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"

echo
echo "== memory: heap after GC while building a mixture, then one ten times larger =="
java -Xmx1g -Dimlab.shared.data="$SHARED" -cp "$CP" io.imlab.benchmarks.MixtureMemoryProbe byte "${PROBE_SEQUENCES:-2000}"
java -Xmx1g -Dimlab.shared.data="$SHARED" -cp "$CP" io.imlab.benchmarks.MixtureMemoryProbe gpt2 "${PROBE_SEQUENCES:-2000}" | tail -n +2
