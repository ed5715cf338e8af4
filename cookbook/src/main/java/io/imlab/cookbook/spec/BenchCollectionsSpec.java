package io.imlab.cookbook.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/**
 * The collection files a {@code bench.source: collections} bench ingests. Paths are strings as written
 * in the spec; relative ones resolve against {@code bench.dataRoot}.
 *
 * @param supernatural a Super-NaturalInstructions task folder, or {@code null}
 * @param promptsource PromptSource datasets: a {@code templates.yaml} rendered over a rows JSONL each
 * @param seq2seq      task descriptors (YAML) of FLAN, CrossFit, ExMix, T5 and UnifiedSKG exports
 * @param cot          chain-of-thought files (GSM8K {@code .jsonl}, FLAN v2 CoT {@code .tsv}) for the CoT pool
 * @param cotAsTasks   also add each CoT file as a reasoning-collection task (OPT-IML §2.1 "Reasoning")
 * @param pools        dialogue and plain-text JSONL files for the recipe's pools
 */
public record BenchCollectionsSpec(SuperNaturalInstructionsSpec supernatural, List<PromptSourceSpec> promptsource,
                                   List<String> seq2seq, List<String> cot, boolean cotAsTasks, TextPoolsSpec pools) {
    @JsonCreator
    public BenchCollectionsSpec {
        promptsource = promptsource == null ? List.of() : List.copyOf(promptsource);
        seq2seq = seq2seq == null ? List.of() : List.copyOf(seq2seq);
        cot = cot == null ? List.of() : List.copyOf(cot);
        pools = pools == null ? TextPoolsSpec.none() : pools;
    }

    /** No collection at all (the default; a {@code mini} bench needs none). */
    public static BenchCollectionsSpec none() {
        return new BenchCollectionsSpec(null, List.of(), List.of(), List.of(), false, TextPoolsSpec.none());
    }

    /** Whether any task collection is named (pools alone make no bench). */
    public boolean hasTaskSource() {
        return supernatural != null || !promptsource.isEmpty() || !seq2seq.isEmpty() || (cotAsTasks && !cot.isEmpty());
    }
}
