package io.imlab.cookbook.task;

import java.util.List;

/**
 * Ids of the eight OPT-IML Bench collections (OPT-IML Table 1). Collection ids are plain strings in
 * the task model so that a team can add its own; these are the ones imlab knows how to phrase.
 */
public final class Collections {
    public static final String SUPER_NATURAL_INSTRUCTIONS = "supernatural";
    public static final String PROMPTSOURCE = "promptsource";
    public static final String FLAN = "flan";
    public static final String CROSSFIT = "crossfit";
    public static final String EXMIX = "exmix";
    public static final String T5 = "t5";
    public static final String UNIFIED_SKG = "unifiedskg";
    public static final String REASONING = "reasoning";

    /** All known collections, in the paper's table order. */
    public static final List<String> KNOWN = List.of(
            SUPER_NATURAL_INSTRUCTIONS, PROMPTSOURCE, CROSSFIT, FLAN, EXMIX, T5, UNIFIED_SKG, REASONING);

    /** Keyword-style collections whose tasks are dropped when their data source appears elsewhere (§2.1). */
    public static final List<String> KEYWORD_DEDUPLICATED = List.of(CROSSFIT, EXMIX, T5);

    private Collections() {
    }
}
