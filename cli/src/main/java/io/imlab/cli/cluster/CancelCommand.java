package io.imlab.cli.cluster;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code imlab cancel <id>}: requests cancellation of a grid or experiment. A grid cancels its running cells,
 * whose training attempts stop their jobs (pods deleted), marks every unfinished cell cancelled, writes its
 * report and index entry, and ends cancelled.
 */
@Command(name = "cancel", description = "Cancel a running grid or experiment (its training jobs are stopped).")
public final class CancelCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "Grid or run id, as submit printed it.")
    String id;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        WorkflowServiceStubs stubs = cluster.connect();
        try {
            WorkflowClient client = cluster.client(stubs);
            client.newUntypedWorkflowStub(id).cancel();
            System.out.println("cancellation requested for " + id + "; follow it with: imlab status " + id);
            return 0;
        } finally {
            stubs.shutdown();
        }
    }
}
