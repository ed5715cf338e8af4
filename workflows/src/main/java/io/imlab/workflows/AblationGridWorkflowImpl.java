package io.imlab.workflows;

import io.imlab.workflows.payload.CellOutcome;
import io.imlab.workflows.payload.CellStatus;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.ExperimentResult;
import io.imlab.workflows.payload.GridCellInput;
import io.imlab.workflows.payload.GridInput;
import io.imlab.workflows.payload.GridProgress;
import io.imlab.workflows.payload.GridReportInput;
import io.imlab.workflows.payload.GridResult;
import io.imlab.workflows.payload.ReportRef;
import io.imlab.workflows.payload.RunStatus;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Starts one child {@link ExperimentWorkflow} per cell, in expansion order, never more than
 * {@code maxParallel} running at once; records every cell's outcome; then writes the grid report.
 * Child workflow ids are {@code <gridId>/<cellName>} and each child's run id is the same string, so
 * a cell's artifacts live under {@code runs/<gridId>/<cellName>/}.
 */
public class AblationGridWorkflowImpl implements AblationGridWorkflow {
    private static final Logger log = Workflow.getLogger(AblationGridWorkflowImpl.class);

    private final ReportActivities report = Workflow.newActivityStub(ReportActivities.class, StepOptions.report());

    private String gridId;
    private RunStatus status = RunStatus.RUNNING;
    private int total;
    private int started;
    private final Set<String> running = new LinkedHashSet<>();
    private int completed;
    private int failed;

    @Override
    public GridResult run(GridInput input) {
        checkInput(input);
        gridId = input.gridId();
        total = input.cells().size();
        CellOutcome[] outcomes = new CellOutcome[total];
        List<Promise<Void>> cells = new ArrayList<>();

        for (int i = 0; i < total; i++) {
            // Wait for a free slot: maxParallel bounds the cells running at once (2 cores run one
            // trainer well; a cluster runs many).
            Workflow.await(() -> running.size() < input.maxParallel());
            int index = i;
            GridCellInput cell = input.cells().get(i);
            String childId = gridId + "/" + cell.name();
            ExperimentWorkflow child = Workflow.newChildWorkflowStub(ExperimentWorkflow.class,
                    ChildWorkflowOptions.newBuilder()
                            .setWorkflowId(childId)
                            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                            .build());
            running.add(cell.name());
            started++;
            log.info("grid {}: cell {} started as {}", gridId, cell.name(), childId);
            Promise<ExperimentResult> result = Async.function(child::run,
                    new ExperimentInput(cell.spec(), childId, input.bucket()));
            cells.add(result.handle((experiment, error) -> {
                running.remove(cell.name());
                outcomes[index] = outcome(cell, childId, experiment, error);
                return null;
            }));
        }
        Promise.allOf(cells).get();

        List<CellOutcome> outcomeList = Arrays.asList(outcomes);
        ReportRef reportRef;
        try {
            reportRef = report.writeGridReport(new GridReportInput(gridId, outcomeList,
                    ArtifactLayout.gridReportPrefix(input.bucket(), gridId)));
        } catch (ActivityFailure e) {
            status = RunStatus.FAILED;
            throw ApplicationFailure.newNonRetryableFailureWithCause(
                    "step gridReport failed: " + FailureMessages.reason(e), FailureTypes.GRID_REPORT_FAILED, e);
        }
        status = RunStatus.COMPLETED;
        log.info("grid {} completed: {} cells completed, {} failed", gridId, completed, failed);
        return new GridResult(gridId, outcomeList, reportRef);
    }

    @Override
    public GridProgress progress() {
        return new GridProgress(gridId, status, total, total - started, new ArrayList<>(running), completed, failed);
    }

    private CellOutcome outcome(GridCellInput cell, String childId, ExperimentResult experiment, RuntimeException error) {
        if (error == null) {
            completed++;
            return new CellOutcome(cell.name(), cell.factors(), childId, CellStatus.COMPLETED, experiment, null);
        }
        failed++;
        // One failed cell must not cancel the others: record the reason and carry on.
        String reason = error instanceof TemporalFailure temporal ? FailureMessages.reason(temporal) : String.valueOf(error.getMessage());
        log.warn("grid {}: cell {} failed: {}", gridId, cell.name(), reason);
        return new CellOutcome(cell.name(), cell.factors(), childId, CellStatus.FAILED, null, reason);
    }

    private void checkInput(GridInput input) {
        if (input == null) {
            status = RunStatus.FAILED;
            throw ApplicationFailure.newNonRetryableFailure("invalid grid input: none given", FailureTypes.CONFIGURATION_ERROR);
        }
        List<String> problems = new ArrayList<>();
        if (input.gridId() == null || input.gridId().isBlank()) {
            problems.add("gridId is required");
        }
        if (input.bucket() == null || input.bucket().isBlank()) {
            problems.add("bucket is required");
        }
        if (input.maxParallel() < 1) {
            problems.add("maxParallel must be at least 1, got " + input.maxParallel());
        }
        if (input.cells().isEmpty()) {
            problems.add("a grid needs at least one cell");
        }
        Set<String> names = new HashSet<>();
        for (GridCellInput cell : input.cells()) {
            if (cell.name() == null || cell.name().isBlank() || cell.spec() == null) {
                problems.add("every cell needs a name and a spec");
            } else if (!names.add(cell.name())) {
                problems.add("cell " + cell.name() + " appears twice");
            }
        }
        if (!problems.isEmpty()) {
            status = RunStatus.FAILED;
            throw ApplicationFailure.newNonRetryableFailure("invalid grid input: " + String.join("; ", problems),
                    FailureTypes.CONFIGURATION_ERROR);
        }
    }
}
