package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.ExperimentSpec;

/**
 * Write one experiment's report: {@code results.json}, {@code results.csv}, {@code report.html}.
 *
 * @param runId     the run
 * @param spec      the experiment as run
 * @param bench     its bench
 * @param mixture   its mixture
 * @param training  its training result
 * @param eval      its evaluation result
 * @param outputUri report folder, e.g. {@code s3://imlab/runs/<run>/report/}
 */
public record ExperimentReportInput(String runId, ExperimentSpec spec, BenchRef bench, MixtureRef mixture,
                                    TrainResult training, EvalResult eval, String outputUri) {
}
