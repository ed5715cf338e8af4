package io.imlab.cookbook.task;

/** The extra example pools a recipe can mix in by share (OPT-IML §4.2, Tables 7, 19, 20). */
public enum PoolKind {
    /** Chain-of-thought rationales (the paper's ~1% reasoning share). */
    COT,
    /** Dialogue turns (the paper's 0.5% that hurt exact-format tasks). */
    DIALOGUE,
    /** Plain pre-training text (the paper's 5%). */
    PLAIN_TEXT
}
