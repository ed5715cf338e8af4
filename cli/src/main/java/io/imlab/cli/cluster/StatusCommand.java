package io.imlab.cli.cluster;

import io.imlab.activities.index.RunIndex;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.cli.Main;
import io.temporal.serviceclient.WorkflowServiceStubs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code imlab status [id]}: without an id, every grid and run in the run index; with a grid id, the grid and
 * each cell's step with live training progress; with a run id, that run. Failure reasons name the step.
 */
@Command(name = "status", description = "List grids and runs, or show one grid (cells, steps, live progress) or run.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Grid or run id; leave out to list all.")
    String id;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        WorkflowServiceStubs stubs = cluster.connect();
        try (S3ObjectStore store = new S3ObjectStore(cluster.s3Config())) {
            StatusReport report = new StatusReport(cluster.client(stubs), new RunIndex(store), cluster.bucket(), System.out);
            if (id == null) {
                report.listAll();
                return 0;
            }
            if (!report.show(id)) {
                System.err.println("imlab: no grid or run " + id + " in s3://" + cluster.bucket() + "/");
                return Main.EXIT_FAILURE;
            }
            return 0;
        } finally {
            stubs.shutdown();
        }
    }
}
