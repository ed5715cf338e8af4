package io.imlab.workflows.payload;

/**
 * One run's entry in the run index ({@code s3://<bucket>/runs/<runId>/run.json}), written when the run
 * starts and when it ends, because the embedded Temporal server offers no visibility queries to list runs.
 *
 * @param runId      the run
 * @param workflowId its experiment workflow
 * @param gridId     the grid it belongs to, or null
 * @param experiment experiment name
 * @param status     running, completed, failed or cancelled
 * @param reportUri  the report folder once completed, else null
 * @param failure    why it failed, naming the step, else null
 * @param bucket     where the index lives
 */
public record RunRecord(String runId, String workflowId, String gridId, String experiment, RunStatus status,
                        String reportUri, String failure, String bucket) {
}
