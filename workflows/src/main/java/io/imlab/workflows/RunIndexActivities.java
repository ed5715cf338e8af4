package io.imlab.workflows;

import io.imlab.workflows.payload.GridRecord;
import io.imlab.workflows.payload.RunRecord;
import io.temporal.activity.ActivityInterface;

/**
 * The run index in the object store: {@code runs/<runId>/run.json} and {@code grids/<gridId>/grid.json},
 * written when a run or grid starts and ends, and read by {@code imlab status} to list runs (the embedded
 * Temporal server has no visibility queries). Wire names {@code Index.RecordRun} and {@code Index.RecordGrid}.
 */
@ActivityInterface(namePrefix = "Index.")
public interface RunIndexActivities {
    /** Writes (overwrites) the run's {@code run.json}, stamped with the time of writing. */
    void recordRun(RunRecord record);

    /** Writes (overwrites) the grid's {@code grid.json}, stamped with the time of writing. */
    void recordGrid(GridRecord record);
}
