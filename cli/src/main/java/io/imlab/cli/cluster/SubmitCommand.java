package io.imlab.cli.cluster;

import io.imlab.cli.Main;
import io.imlab.cli.run.WorkflowInputs;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.GridDocument;
import io.imlab.cookbook.spec.SpecDocument;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.cookbook.spec.SpecValidationException;
import io.imlab.workflows.AblationGridWorkflow;
import io.imlab.workflows.ExperimentWorkflow;
import io.imlab.workflows.TaskQueues;
import io.imlab.workflows.payload.GridInput;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code imlab submit spec.yaml}: validates the spec here, starts its grid or experiment workflow on the
 * remote Temporal and prints the workflow id. The id is derived from the spec's content, so submitting the same
 * spec while it runs attaches to the running workflow instead of starting a second one.
 */
@Command(name = "submit", description = "Start an experiment or grid on a remote Temporal; print its id.")
public final class SubmitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Experiment or grid spec (YAML).")
    Path specFile;

    @Option(names = "--no-cache", description = "Rebuild the bench and mixtures instead of reusing published ones.")
    boolean noCache;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws IOException {
        SpecDocument document;
        try {
            document = SpecLoader.load(specFile);
        } catch (SpecValidationException e) {
            System.err.println("imlab: " + e.getMessage());
            return Main.EXIT_CONFIGURATION_ERROR;
        }
        String bucket = cluster.bucket();
        WorkflowServiceStubs stubs = cluster.connect();
        try {
            WorkflowClient client = cluster.client(stubs);
            String id;
            if (document instanceof GridDocument grid) {
                GridInput input = WorkflowInputs.gridInput(grid, bucket, noCache);
                id = input.gridId();
                WorkflowClient.start(client.newWorkflowStub(AblationGridWorkflow.class, options(id))::run, input);
                System.out.printf("grid %s: %d cells submitted%n", id, input.cells().size());
            } else {
                ExperimentDocument experiment = (ExperimentDocument) document;
                id = WorkflowInputs.runId(experiment);
                WorkflowClient.start(client.newWorkflowStub(ExperimentWorkflow.class, options(id))::run,
                        WorkflowInputs.experimentInput(experiment, bucket, noCache));
                System.out.printf("experiment %s submitted%n", id);
            }
            System.out.println(id);
            return 0;
        } finally {
            stubs.shutdown();
        }
    }

    private static WorkflowOptions options(String id) {
        return WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.EXPERIMENTS).setWorkflowId(id)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build();
    }
}
