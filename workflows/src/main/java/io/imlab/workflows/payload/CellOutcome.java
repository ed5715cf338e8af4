package io.imlab.workflows.payload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one grid cell ended.
 *
 * @param cellName   the cell, e.g. {@code cotShare=0.01}
 * @param factors    spec path to this cell's level, as text (report columns)
 * @param workflowId the cell's child workflow, {@code <gridId>/<cellName>}
 * @param status     completed or failed
 * @param result     the experiment's result when completed, else null
 * @param failure    why it failed (naming the step) when failed, else null
 */
public record CellOutcome(String cellName, Map<String, String> factors, String workflowId, CellStatus status,
                          ExperimentResult result, String failure) {
    public CellOutcome {
        factors = factors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(factors));
    }
}
