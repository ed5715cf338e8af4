package io.imlab.activities.index;

import io.imlab.activities.store.ObjectStore;
import io.imlab.workflows.RunIndexActivities;
import io.imlab.workflows.payload.GridRecord;
import io.imlab.workflows.payload.RunRecord;

import java.time.Clock;

/** Writes {@code runs/<runId>/run.json} and {@code grids/<gridId>/grid.json}, stamped with the time of writing. */
public final class RunIndexActivitiesImpl implements RunIndexActivities {
    private final RunIndex index;
    private final Clock clock;

    public RunIndexActivitiesImpl(ObjectStore store) {
        this(store, Clock.systemUTC());
    }

    public RunIndexActivitiesImpl(ObjectStore store, Clock clock) {
        this.index = new RunIndex(store);
        this.clock = clock;
    }

    @Override
    public void recordRun(RunRecord record) {
        index.write(record, clock.instant());
    }

    @Override
    public void recordGrid(GridRecord record) {
        index.write(record, clock.instant());
    }
}
