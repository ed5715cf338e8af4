package io.imlab.workflows;

/**
 * Where artifacts live in the object store (see docs/architecture.md, "One experiment, as data
 * flowing through"). Pure string functions, safe to call from workflow code.
 */
public final class ArtifactLayout {
    private ArtifactLayout() {
    }

    /** {@code s3://<bucket>/benches/<hash>/}: content-addressed, shared by every run with the same bench. */
    public static String benchPrefix(String bucket, String hash) {
        return root(bucket) + "benches/" + hash + "/";
    }

    /** {@code s3://<bucket>/mixtures/<hash>/}: content-addressed, shared by every run with the same mixture. */
    public static String mixturePrefix(String bucket, String hash) {
        return root(bucket) + "mixtures/" + hash + "/";
    }

    /** {@code s3://<bucket>/runs/<runId>/}: everything one run produces, plus its {@code run.json}. */
    public static String runPrefix(String bucket, String runId) {
        return root(bucket) + "runs/" + runId + "/";
    }

    /** {@code s3://<bucket>/runs/<runId>/checkpoints/}, holding {@code step-N/} folders. */
    public static String checkpointPrefix(String bucket, String runId) {
        return runPrefix(bucket, runId) + "checkpoints/";
    }

    /** {@code s3://<bucket>/runs/<runId>/eval/}. */
    public static String evalPrefix(String bucket, String runId) {
        return runPrefix(bucket, runId) + "eval/";
    }

    /** {@code s3://<bucket>/runs/<runId>/report/}. */
    public static String reportPrefix(String bucket, String runId) {
        return runPrefix(bucket, runId) + "report/";
    }

    /** {@code s3://<bucket>/grids/<gridId>/report/}. */
    public static String gridReportPrefix(String bucket, String gridId) {
        return root(bucket) + "grids/" + gridId + "/report/";
    }

    private static String root(String bucket) {
        return "s3://" + bucket + "/";
    }
}
