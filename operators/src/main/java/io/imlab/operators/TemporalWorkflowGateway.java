package io.imlab.operators;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.imlab.workflows.AblationGridWorkflow;
import io.imlab.workflows.ExperimentWorkflow;
import io.imlab.workflows.TaskQueues;
import io.imlab.workflows.payload.CellOutcome;
import io.imlab.workflows.payload.CellStatus;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.ExperimentProgress;
import io.imlab.workflows.payload.ExperimentResult;
import io.imlab.workflows.payload.GridInput;
import io.imlab.workflows.payload.GridProgress;
import io.imlab.workflows.payload.GridResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.TemporalFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link WorkflowGateway} on the Temporal client: workflows go to {@link TaskQueues#EXPERIMENTS}, where the imlab
 * workers run them; state comes from describing the execution, the workflows' {@code progress} queries and, once
 * closed, their results.
 */
public final class TemporalWorkflowGateway implements WorkflowGateway {
    private static final Logger LOG = LoggerFactory.getLogger(TemporalWorkflowGateway.class);

    private final WorkflowClient client;

    public TemporalWorkflowGateway(WorkflowClient client) {
        this.client = client;
    }

    @Override
    public StartOutcome startExperiment(String workflowId, ExperimentInput input) {
        ExperimentWorkflow stub = client.newWorkflowStub(ExperimentWorkflow.class, startOptions(workflowId));
        return start(workflowId, () -> WorkflowClient.start(stub::run, input));
    }

    @Override
    public StartOutcome startGrid(String workflowId, GridInput input) {
        AblationGridWorkflow stub = client.newWorkflowStub(AblationGridWorkflow.class, startOptions(workflowId));
        return start(workflowId, () -> WorkflowClient.start(stub::run, input));
    }

    @Override
    public WorkflowSnapshot experiment(String workflowId) {
        Optional<WorkflowExecutionStatus> status = status(workflowId);
        if (status.isEmpty()) {
            return notFound();
        }
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
        return switch (status.get()) {
            case WORKFLOW_EXECUTION_STATUS_RUNNING, WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> {
                String step = progress(workflowId).map(p -> p.step() == null ? null : p.step().label()).orElse(null);
                yield new WorkflowSnapshot(WorkflowPhase.RUNNING, step,
                        step == null ? "starting" : "step " + step + " running", null, List.of());
            }
            case WORKFLOW_EXECUTION_STATUS_COMPLETED -> {
                ExperimentResult result = stub.getResult(ExperimentResult.class);
                yield new WorkflowSnapshot(WorkflowPhase.SUCCEEDED, "report", "completed",
                        result.reportRef() == null ? null : result.reportRef().uri(), List.of());
            }
            // No progress query on a closed workflow (it would need a worker to replay it); the failure message
            // names the step already ("step train failed: ...").
            case WORKFLOW_EXECUTION_STATUS_FAILED ->
                    new WorkflowSnapshot(WorkflowPhase.FAILED, null, failureMessage(stub), null, List.of());
            default -> new WorkflowSnapshot(WorkflowPhase.CANCELLED, null, describeClosed(status.get()), null, List.of());
        };
    }

    @Override
    public WorkflowSnapshot grid(String workflowId, List<String> cellNames) {
        Optional<WorkflowExecutionStatus> status = status(workflowId);
        if (status.isEmpty()) {
            return notFound();
        }
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
        return switch (status.get()) {
            case WORKFLOW_EXECUTION_STATUS_RUNNING, WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> {
                List<WorkflowSnapshot.CellSnapshot> cells = liveCells(workflowId, cellNames);
                long done = cells.stream().filter(c -> c.phase().finished()).count();
                yield new WorkflowSnapshot(WorkflowPhase.RUNNING, null,
                        done + " of " + cellNames.size() + " cells done", null, cells);
            }
            case WORKFLOW_EXECUTION_STATUS_COMPLETED -> completedGrid(stub.getResult(GridResult.class), cellNames);
            case WORKFLOW_EXECUTION_STATUS_FAILED ->
                    new WorkflowSnapshot(WorkflowPhase.FAILED, null, failureMessage(stub), null,
                            liveCells(workflowId, cellNames));
            default -> new WorkflowSnapshot(WorkflowPhase.CANCELLED, null, describeClosed(status.get()), null,
                    liveCells(workflowId, cellNames));
        };
    }

    @Override
    public void cancel(String workflowId) {
        try {
            client.newUntypedWorkflowStub(workflowId).cancel("the custom resource was deleted");
            LOG.info("workflow {}: cancellation requested", workflowId);
        } catch (WorkflowNotFoundException e) {
            // Ended already (or never existed): there is nothing left to cancel.
            LOG.info("workflow {}: not running, nothing to cancel", workflowId);
        }
    }

    private static WorkflowOptions startOptions(String workflowId) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.EXPERIMENTS)
                // A resource runs its workflow once: a closed workflow with this id must not start again when the
                // operator restarts and sees the resource anew.
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build();
    }

    private static StartOutcome start(String workflowId, Runnable start) {
        try {
            start.run();
            LOG.info("workflow {}: started on task queue {}", workflowId, TaskQueues.EXPERIMENTS);
            return StartOutcome.STARTED;
        } catch (WorkflowExecutionAlreadyStarted e) {
            LOG.info("workflow {}: already started, not starting it again", workflowId);
            return StartOutcome.ALREADY_STARTED;
        }
    }

    private Optional<WorkflowExecutionStatus> status(String workflowId) {
        try {
            return Optional.of(client.newUntypedWorkflowStub(workflowId).describe().getStatus());
        } catch (WorkflowNotFoundException e) {
            return Optional.empty();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<ExperimentProgress> progress(String workflowId) {
        try {
            return Optional.ofNullable(client.newWorkflowStub(ExperimentWorkflow.class, workflowId).progress());
        } catch (WorkflowException | StatusRuntimeException e) {
            // A query needs a worker; without one the status still shows the phase, just not the step.
            LOG.debug("workflow {}: progress query failed: {}", workflowId, e.toString());
            return Optional.empty();
        }
    }

    /** Each cell's child workflow ({@code <gridId>/<cellName>}, see AblationGridWorkflowImpl), described one by one. */
    private List<WorkflowSnapshot.CellSnapshot> liveCells(String gridId, List<String> cellNames) {
        List<WorkflowSnapshot.CellSnapshot> cells = new ArrayList<>();
        for (String name : cellNames) {
            WorkflowSnapshot child = experiment(gridId + "/" + name);
            WorkflowPhase phase = child.phase() == WorkflowPhase.NOT_FOUND ? WorkflowPhase.WAITING : child.phase();
            String message = phase == WorkflowPhase.FAILED || phase == WorkflowPhase.CANCELLED ? child.message() : null;
            cells.add(new WorkflowSnapshot.CellSnapshot(name, phase, child.step(), message));
        }
        return cells;
    }

    private static WorkflowSnapshot completedGrid(GridResult result, List<String> cellNames) {
        Map<String, CellOutcome> outcomes = new LinkedHashMap<>();
        result.outcomes().forEach(o -> outcomes.put(o.cellName(), o));
        List<WorkflowSnapshot.CellSnapshot> cells = new ArrayList<>();
        int failed = 0;
        for (String name : cellNames) {
            CellOutcome outcome = outcomes.get(name);
            if (outcome != null && outcome.status() == CellStatus.COMPLETED) {
                cells.add(new WorkflowSnapshot.CellSnapshot(name, WorkflowPhase.SUCCEEDED, "report", null));
            } else {
                failed++;
                cells.add(new WorkflowSnapshot.CellSnapshot(name, WorkflowPhase.FAILED, null,
                        outcome == null ? "not in the grid's result" : outcome.failure()));
            }
        }
        String reportUri = result.reportRef() == null ? null : result.reportRef().uri();
        // A grid records failed cells and still writes its report; the resource fails when any cell did.
        return failed == 0
                ? new WorkflowSnapshot(WorkflowPhase.SUCCEEDED, null, "all " + cellNames.size() + " cells completed",
                        reportUri, cells)
                : new WorkflowSnapshot(WorkflowPhase.FAILED, null, failed + " of " + cellNames.size() + " cells failed",
                        reportUri, cells);
    }

    private static WorkflowSnapshot notFound() {
        return new WorkflowSnapshot(WorkflowPhase.NOT_FOUND, null,
                "Temporal does not know this workflow (retention ended or the server lost its state)", null, List.of());
    }

    private static String describeClosed(WorkflowExecutionStatus status) {
        return switch (status) {
            case WORKFLOW_EXECUTION_STATUS_CANCELED -> "cancelled";
            case WORKFLOW_EXECUTION_STATUS_TERMINATED -> "terminated";
            case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "timed out";
            default -> status.name();
        };
    }

    /** The innermost failure message: {@code step train failed: …} rather than Temporal's wrapper text. */
    private static String failureMessage(WorkflowStub stub) {
        try {
            stub.getResult(Object.class);
            return "failed";
        } catch (WorkflowException e) {
            String message = e.getMessage();
            for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof TemporalFailure failure && !failure.getOriginalMessage().isBlank()) {
                    message = failure.getOriginalMessage();
                }
            }
            return message;
        }
    }
}
