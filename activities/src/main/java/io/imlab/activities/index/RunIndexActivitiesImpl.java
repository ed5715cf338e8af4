package io.imlab.activities.index;

import io.imlab.activities.store.ObjectStore;
import io.imlab.workflows.RunIndexActivities;
import io.imlab.workflows.payload.GridRecord;
import io.imlab.workflows.payload.RunRecord;

import io.imlab.activities.metrics.ImlabMetrics;
import io.imlab.workflows.payload.RunStatus;

import java.time.Clock;
import java.util.Map;

/** Writes {@code runs/<runId>/run.json} and {@code grids/<gridId>/grid.json}, stamped with the time of writing. */
public final class RunIndexActivitiesImpl implements RunIndexActivities {
    private final RunIndex index;
    private final Clock clock;
    private final ImlabMetrics metrics;

    public RunIndexActivitiesImpl(ObjectStore store) {
        this(store, Clock.systemUTC(), null);
    }

    /** Also records the catalogue's grid and experiment metrics when {@code metrics} is not null. */
    public RunIndexActivitiesImpl(ObjectStore store, ImlabMetrics metrics) {
        this(store, Clock.systemUTC(), metrics);
    }

    public RunIndexActivitiesImpl(ObjectStore store, Clock clock) {
        this(store, clock, null);
    }

    public RunIndexActivitiesImpl(ObjectStore store, Clock clock, ImlabMetrics metrics) {
        this.index = new RunIndex(store);
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void recordRun(RunRecord record) {
        index.write(record, clock.instant());
        if (metrics != null) {
            switch (record.status()) {
                case RUNNING -> metrics.experimentStarted();
                case COMPLETED -> metrics.experimentCompleted();
                case FAILED -> metrics.experimentFailed(reasonType(record.failure()));
                case CANCELLED -> metrics.experimentFailed("cancelled");
            }
        }
    }

    @Override
    public void recordGrid(GridRecord record) {
        index.write(record, clock.instant());
        if (metrics != null) {
            switch (record.status()) {
                case RUNNING -> {
                    metrics.gridStarted();
                    metrics.gridCells(record.gridId(), Map.of("pending", record.cells().size()));
                }
                case COMPLETED -> {
                    metrics.gridCompleted();
                    metrics.gridEnded(record.gridId());
                }
                case FAILED, CANCELLED -> {
                    metrics.gridFailed(record.status() == RunStatus.CANCELLED ? "cancelled" : "report");
                    metrics.gridEnded(record.gridId());
                }
            }
        }
    }

    /** A low-cardinality reason label: the failure type in the trailing parentheses, else "error". */
    private static String reasonType(String failure) {
        if (failure != null && failure.endsWith(")") && failure.lastIndexOf('(') >= 0) {
            return failure.substring(failure.lastIndexOf('(') + 1, failure.length() - 1);
        }
        return "error";
    }
}
