package io.imlab.cli.run;

import io.imlab.cookbook.hash.ContentHash;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.GridDocument;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.GridCellInput;
import io.imlab.workflows.payload.GridInput;

import java.util.List;

/**
 * Workflow ids and inputs of a spec, shared by {@code imlab run} (embedded) and {@code imlab submit} (cluster).
 * Ids are derived from the spec's content, so submitting or running the same spec again finds the same
 * workflows, checkpoints and cached artifacts.
 */
public final class WorkflowInputs {
    /**
     * Grids above this many cells are sent compact: the base spec once and each cell's levels, about a tenth
     * of the size, so that 2,000 cells stay far below Temporal's 2 MB payload limit.
     */
    public static final int COMPACT_ABOVE = 64;

    private WorkflowInputs() {
    }

    /** {@code <base name>-<10 hex digits of the grid's content hash>}. */
    public static String gridId(GridDocument document) {
        return document.grid().base().name() + "-" + ContentHash.of(document.grid()).substring(0, 10);
    }

    /** {@code <name>-<10 hex digits of the experiment's content hash>}. */
    public static String runId(ExperimentDocument document) {
        return document.experiment().name() + "-" + ContentHash.of(document.experiment()).substring(0, 10);
    }

    /** The grid workflow's input: cells, parallelism, GPU budget and cache choice. */
    public static GridInput gridInput(GridDocument document, String bucket, boolean noCache) {
        List<GridCellInput> cells = document.cells().stream().map(GridCellInput::of).toList();
        boolean compact = cells.size() > COMPACT_ABOVE;
        return new GridInput(gridId(document), compact ? cells.stream().map(GridCellInput::compact).toList() : cells,
                document.grid().maxParallel(), bucket, document.grid().gpusPerCell(), document.grid().gpuBudget(),
                noCache, document.grid().base(), null);
    }

    /** The experiment workflow's input. */
    public static ExperimentInput experimentInput(ExperimentDocument document, String bucket, boolean noCache) {
        return new ExperimentInput(document.experiment(), runId(document), bucket, noCache, null);
    }
}
