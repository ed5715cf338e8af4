package io.imlab.workflows;

import io.imlab.workflows.payload.CellOutcome;
import io.imlab.workflows.payload.CellStatus;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.ExperimentResult;
import io.imlab.workflows.payload.GridCellInput;
import io.imlab.workflows.payload.GridInput;
import io.imlab.workflows.payload.GridProgress;
import io.imlab.workflows.payload.GridRecord;
import io.imlab.workflows.payload.GridReportInput;
import io.imlab.workflows.payload.GridResult;
import io.imlab.workflows.payload.ReportRef;
import io.imlab.workflows.payload.RunStatus;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts one child {@link ExperimentWorkflow} per cell, in expansion order, never more than
 * {@code maxParallel} running at once (fewer when a GPU budget admits fewer); records every cell's outcome;
 * then writes the grid report. Child workflow ids are {@code <gridId>/<cellName>} and each child's run id is
 * the same string, so a cell's artifacts live under {@code runs/<gridId>/<cellName>/}.
 *
 * <p>A grid of more than {@link #CELLS_PER_SUBGRID} cells runs as sub-grids {@code <gridId>/part-<k>}, each
 * an {@code AblationGrid} over a slice of the cells, so that no execution has more than
 * {@code CELLS_PER_SUBGRID} children (Temporal allows 2,000 pending children per execution) and every
 * history stays far below Temporal's 50k events.
 *
 * <p>Cancelling the grid cancels the running cells (whose training jobs are stopped), marks them and the
 * waiting cells {@link CellStatus#CANCELLED}, writes the report and the index, and ends cancelled.
 */
public class AblationGridWorkflowImpl implements AblationGridWorkflow {
    /** Cells per execution before a grid splits into sub-grids: 500 children, about 4,000 history events. */
    public static final int CELLS_PER_SUBGRID = 500;

    private static final Logger log = Workflow.getLogger(AblationGridWorkflowImpl.class);

    private final ReportActivities report = Workflow.newActivityStub(ReportActivities.class, StepOptions.report());
    private final RunIndexActivities index = Workflow.newActivityStub(RunIndexActivities.class, StepOptions.index());

    private String gridId;
    private RunStatus status = RunStatus.RUNNING;
    private int total;
    private int started;
    private final Set<String> running = new LinkedHashSet<>();
    private final List<String> subGrids = new ArrayList<>();
    private int gpusPerCell;
    private int completed;
    private int failed;
    private int cancelled;

    @Override
    public GridResult run(GridInput input) {
        checkInput(input);
        int version = Workflow.getVersion(GridVersions.CHANGE_ID, Workflow.DEFAULT_VERSION, GridVersions.SINGLE_FLIGHT);
        gridId = input.gridId();
        total = input.cells().size();
        boolean versioned = version >= GridVersions.SINGLE_FLIGHT;
        boolean topLevel = input.parentGridId() == null;
        int limit = versioned ? admitted(input) : input.maxParallel();
        gpusPerCell = versioned ? input.gpusPerCell() : 0;
        if (versioned && topLevel) {
            recordGrid(input, null, null);
        }

        CellOutcome[] outcomes = new CellOutcome[total];
        boolean cancelRequested = versioned && total > CELLS_PER_SUBGRID
                ? runSubGrids(input, limit, outcomes)
                : runCells(input, limit, versioned, outcomes);

        List<CellOutcome> outcomeList = Arrays.asList(outcomes);
        if (cancelRequested) {
            status = RunStatus.CANCELLED;
            // The grid is cancelled: the report and the index are written outside its cancellation scope.
            Workflow.newDetachedCancellationScope(() -> {
                ReportRef reportRef = writeReport(input, outcomeList, false);
                if (topLevel) {
                    recordGrid(input, reportRef, "cancelled");
                }
            }).run();
            log.info("grid {} cancelled: {} completed, {} failed, {} cancelled", gridId, completed, failed, cancelled);
            throw new CanceledFailure("grid " + gridId + " cancelled");
        }
        ReportRef reportRef;
        try {
            reportRef = writeReport(input, outcomeList, true);
        } catch (ApplicationFailure e) {
            if (versioned && topLevel) {
                recordGrid(input, null, e.getOriginalMessage());
            }
            throw e;
        }
        status = RunStatus.COMPLETED;
        if (versioned && topLevel) {
            recordGrid(input, reportRef, null);
        }
        log.info("grid {} completed: {} cells completed, {} failed", gridId, completed, failed);
        return new GridResult(gridId, outcomeList, reportRef);
    }

    @Override
    public GridProgress progress() {
        return new GridProgress(gridId, status, total, total - started, new ArrayList<>(running), completed, failed,
                cancelled, subGrids.isEmpty() ? running.size() * gpusPerCell : 0, subGrids);
    }

    /** Runs the cells as children of this execution; returns whether the grid was cancelled. */
    private boolean runCells(GridInput input, int limit, boolean versioned, CellOutcome[] outcomes) {
        List<Promise<Void>> cells = new ArrayList<>();
        boolean cancelRequested = false;
        int i = 0;
        for (; i < total; i++) {
            // Wait for a free slot: maxParallel (and the GPU budget) bound the cells running at once (2 cores run
            // one trainer well; a cluster runs many).
            if (versioned) {
                cancelRequested = !awaitSlot(limit);
                if (cancelRequested) {
                    break;
                }
            } else {
                Workflow.await(() -> running.size() < limit);
            }
            int indexInGrid = i;
            GridCellInput cell = input.cells().get(i);
            String childId = input.rootGridId() + "/" + cell.name();
            ExperimentWorkflow child = Workflow.newChildWorkflowStub(ExperimentWorkflow.class,
                    ChildWorkflowOptions.newBuilder()
                            .setWorkflowId(childId)
                            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                            .build());
            running.add(cell.name());
            started++;
            log.info("grid {}: cell {} started as {}", gridId, cell.name(), childId);
            ExperimentInput experimentInput = versioned
                    ? new ExperimentInput(cell.specFrom(input.base()), childId, input.bucket(), input.noCache(),
                    input.rootGridId())
                    : new ExperimentInput(cell.spec(), childId, input.bucket());
            Promise<ExperimentResult> result = Async.function(child::run, experimentInput);
            cells.add(result.handle((experiment, error) -> {
                running.remove(cell.name());
                outcomes[indexInGrid] = outcome(cell, childId, experiment, error);
                return null;
            }));
        }
        for (; i < total; i++) {
            GridCellInput cell = input.cells().get(i);
            cancelled++;
            started++;
            outcomes[i] = new CellOutcome(cell.name(), cell.factors(), input.rootGridId() + "/" + cell.name(),
                    CellStatus.CANCELLED, null, "cancelled before it started");
        }
        // Cancelled children end cancelled on their own; waiting for them must not itself be cancelled.
        Workflow.newDetachedCancellationScope(() -> Promise.allOf(cells).get()).run();
        return cancelRequested || (versioned && CancellationScope.current().isCancelRequested());
    }

    /** Waits for a slot; false when the grid was cancelled instead. */
    private boolean awaitSlot(int limit) {
        try {
            Workflow.await(() -> running.size() < limit || CancellationScope.current().isCancelRequested());
        } catch (CanceledFailure e) {
            return false;
        }
        return !CancellationScope.current().isCancelRequested();
    }

    /**
     * Runs a large grid as sub-grids of at most {@link #CELLS_PER_SUBGRID} cells; at most {@code limit}
     * cells run at once across them. The outcomes kept here are compact (no experiment result): each
     * sub-grid's report holds its cells' scores, and this grid's report their statuses.
     */
    private boolean runSubGrids(GridInput input, int limit, CellOutcome[] outcomes) {
        int parts = (total + CELLS_PER_SUBGRID - 1) / CELLS_PER_SUBGRID;
        int concurrentParts = Math.min(parts, limit);
        int perPart = Math.max(1, limit / concurrentParts);
        List<Promise<Void>> promises = new ArrayList<>();
        boolean cancelRequested = false;
        int part = 0;
        for (; part < parts; part++) {
            cancelRequested = !awaitSlot(concurrentParts);
            if (cancelRequested) {
                break;
            }
            int from = part * CELLS_PER_SUBGRID;
            int to = Math.min(total, from + CELLS_PER_SUBGRID);
            String partId = gridId + "/part-" + part;
            GridInput partInput = new GridInput(partId, input.cells().subList(from, to), perPart, input.bucket(),
                    input.gpusPerCell(), 0, input.noCache(), input.base(), input.rootGridId());
            AblationGridWorkflow child = Workflow.newChildWorkflowStub(AblationGridWorkflow.class,
                    ChildWorkflowOptions.newBuilder()
                            .setWorkflowId(partId)
                            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                            .build());
            running.add(partId);
            subGrids.add(partId);
            started += to - from;
            log.info("grid {}: cells {} to {} started as sub-grid {}", gridId, from, to - 1, partId);
            Promise<GridResult> result = Async.function(child::run, partInput);
            promises.add(result.handle((grid, error) -> {
                running.remove(partId);
                for (int i = from; i < to; i++) {
                    GridCellInput cell = input.cells().get(i);
                    String cellId = input.rootGridId() + "/" + cell.name();
                    CellOutcome full = grid != null ? grid.outcomes().get(i - from) : null;
                    CellOutcome outcome = full != null
                            ? new CellOutcome(full.cellName(), full.factors(), full.workflowId(), full.status(), null,
                            full.failure())
                            : new CellOutcome(cell.name(), cell.factors(), cellId,
                            isCancellation(error) ? CellStatus.CANCELLED : CellStatus.FAILED, null,
                            "sub-grid " + partId + " ended: " + reason(error));
                    count(outcome.status());
                    outcomes[i] = outcome;
                }
                return null;
            }));
        }
        for (int i = part * CELLS_PER_SUBGRID; i < total; i++) {
            GridCellInput cell = input.cells().get(i);
            started++;
            cancelled++;
            outcomes[i] = new CellOutcome(cell.name(), cell.factors(), input.rootGridId() + "/" + cell.name(),
                    CellStatus.CANCELLED, null, "cancelled before it started");
        }
        Workflow.newDetachedCancellationScope(() -> Promise.allOf(promises).get()).run();
        return cancelRequested || CancellationScope.current().isCancelRequested();
    }

    private ReportRef writeReport(GridInput input, List<CellOutcome> outcomes, boolean failOnError) {
        try {
            return report.writeGridReport(new GridReportInput(gridId, outcomes,
                    ArtifactLayout.gridReportPrefix(input.bucket(), gridId)));
        } catch (ActivityFailure e) {
            status = RunStatus.FAILED;
            if (!failOnError) {
                log.warn("grid {}: report not written: {}", gridId, FailureMessages.reason(e));
                return null;
            }
            throw ApplicationFailure.newNonRetryableFailureWithCause(
                    "step gridReport failed: " + FailureMessages.reason(e), FailureTypes.GRID_REPORT_FAILED, e);
        }
    }

    /** Index writes are an aid to {@code imlab status}: a failed write is logged, never fails the grid. */
    private void recordGrid(GridInput input, ReportRef reportRef, String failure) {
        Map<String, String> cells = new LinkedHashMap<>();
        input.cells().forEach(c -> cells.put(c.name(), input.rootGridId() + "/" + c.name()));
        try {
            index.recordGrid(new GridRecord(gridId, input.base() != null ? input.base()
                    : input.cells().get(0).spec(), cells, status, completed, failed, cancelled,
                    reportRef == null ? null : reportRef.uri(), failure, input.bucket()));
        } catch (ActivityFailure e) {
            log.warn("grid {}: run index not written: {}", gridId, FailureMessages.reason(e));
        }
    }

    /** Cells admitted at once: maxParallel, lowered to what the GPU budget holds. */
    private static int admitted(GridInput input) {
        if (input.gpuBudget() <= 0 || input.gpusPerCell() <= 0) {
            return input.maxParallel();
        }
        return Math.min(input.maxParallel(), input.gpuBudget() / input.gpusPerCell());
    }

    private CellOutcome outcome(GridCellInput cell, String childId, ExperimentResult experiment, RuntimeException error) {
        if (error == null) {
            completed++;
            return new CellOutcome(cell.name(), cell.factors(), childId, CellStatus.COMPLETED, experiment, null);
        }
        if (isCancellation(error)) {
            cancelled++;
            log.info("grid {}: cell {} cancelled", gridId, cell.name());
            return new CellOutcome(cell.name(), cell.factors(), childId, CellStatus.CANCELLED, null, "cancelled");
        }
        failed++;
        // One failed cell must not cancel the others: record the reason and carry on.
        String reason = reason(error);
        log.warn("grid {}: cell {} failed: {}", gridId, cell.name(), reason);
        return new CellOutcome(cell.name(), cell.factors(), childId, CellStatus.FAILED, null, reason);
    }

    private void count(CellStatus cellStatus) {
        switch (cellStatus) {
            case COMPLETED -> completed++;
            case FAILED -> failed++;
            case CANCELLED -> cancelled++;
        }
    }

    private static boolean isCancellation(Throwable error) {
        return error instanceof CanceledFailure
                || (error instanceof ChildWorkflowFailure child && child.getCause() instanceof CanceledFailure);
    }

    private static String reason(Throwable error) {
        return error instanceof TemporalFailure temporal ? FailureMessages.reason(temporal) : String.valueOf(error.getMessage());
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
        if (input.gpuBudget() > 0 && input.gpusPerCell() > input.gpuBudget()) {
            problems.add("one cell needs " + input.gpusPerCell() + " GPUs, more than the grid's budget of "
                    + input.gpuBudget());
        }
        if (input.cells().isEmpty()) {
            problems.add("a grid needs at least one cell");
        }
        Set<String> names = new HashSet<>();
        for (GridCellInput cell : input.cells()) {
            if (cell.name() == null || cell.name().isBlank() || (cell.spec() == null && input.base() == null)) {
                problems.add("every cell needs a name and a spec (or the grid a base spec)");
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
