package io.imlab.workflows.payload;

/** The steps of an experiment, in the order they run. */
public enum ExperimentStep {
    BUILD_BENCH("buildBench"),
    SAMPLE_MIXTURE("sampleMixture"),
    TRAIN("train"),
    EVALUATE("evaluate"),
    REPORT("report");

    private final String label;

    ExperimentStep(String label) {
        this.label = label;
    }

    /** The name shown to users and in failure messages, e.g. {@code train}. */
    public String label() {
        return label;
    }
}
