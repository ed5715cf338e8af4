package io.imlab.operators;

import io.imlab.cookbook.spec.GridDocument;
import io.imlab.operators.crd.AblationGrid;
import io.imlab.operators.crd.AblationGridStatus;
import io.imlab.operators.crd.CellProgress;
import io.imlab.workflows.payload.GridCellInput;
import io.imlab.workflows.payload.GridInput;

import java.time.Clock;
import java.util.List;

/**
 * Runs each {@link AblationGrid} as an {@code AblationGridWorkflow}: the grid is expanded here (as {@code imlab run}
 * does) and every cell runs as child workflow {@code <workflowId>/<cellName>}. The status lists every cell with
 * its phase and step. See {@link WorkflowResourceReconciler} for the cycle.
 */
public final class AblationGridReconciler
        extends WorkflowResourceReconciler<AblationGrid, AblationGridStatus, GridDocument> {

    public AblationGridReconciler(WorkflowGateway gateway, OperatorSettings settings, Clock clock) {
        super(gateway, settings, clock);
    }

    @Override
    SpecCheck<GridDocument> check(AblationGrid resource) {
        return ResourceSpecs.grid(resource);
    }

    @Override
    AblationGridStatus newStatus() {
        return new AblationGridStatus();
    }

    @Override
    WorkflowGateway.StartOutcome start(String workflowId, GridDocument document, AblationGridStatus status) {
        List<GridCellInput> cells = document.cells().stream().map(GridCellInput::of).toList();
        // The cells are recorded at start: a refused spec change must not change which cells the status follows.
        status.setCells(cells.stream().map(c -> new CellProgress(c.name(), WorkflowPhase.WAITING.label(), null, null))
                .toList());
        status.setCellsDone("0/" + cells.size());
        return gateway.startGrid(workflowId,
                new GridInput(workflowId, cells, document.grid().maxParallel(), settings.bucket()));
    }

    @Override
    WorkflowSnapshot observe(String workflowId, AblationGridStatus status) {
        return gateway.grid(workflowId, status.getCells().stream().map(CellProgress::getName).toList());
    }

    @Override
    void applyProgress(WorkflowSnapshot snapshot, AblationGridStatus status) {
        if (snapshot.cells().isEmpty()) {
            return;
        }
        status.setCells(snapshot.cells().stream()
                .map(c -> new CellProgress(c.name(), c.phase().label(), c.step(), c.message()))
                .toList());
        long done = snapshot.cells().stream().filter(c -> c.phase().finished()).count();
        status.setCellsDone(done + "/" + snapshot.cells().size());
    }
}
