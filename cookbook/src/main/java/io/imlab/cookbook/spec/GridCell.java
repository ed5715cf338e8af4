package io.imlab.cookbook.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One cell of an expanded grid.
 *
 * @param name         derived from the factor values, e.g. {@code cotShare=0.01} or
 *                     {@code cotShare=0.01,steps=200}; safe in object keys and workflow ids
 * @param factorValues spec path to this cell's level, in factor declaration order
 * @param spec         the base experiment with this cell's levels applied; its name is
 *                     {@code <base name>-<cell name>}
 */
public record GridCell(String name, Map<String, Object> factorValues, ExperimentSpec spec) {
    public GridCell {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        factorValues = Collections.unmodifiableMap(new LinkedHashMap<>(factorValues));
    }
}
