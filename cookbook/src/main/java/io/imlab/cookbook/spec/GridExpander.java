package io.imlab.cookbook.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands an ablation grid full-factorially: one cell per combination of levels, the first declared
 * factor varying slowest, each cell the base experiment with its levels applied by path and
 * validated.
 *
 * <p>Runs in the client, never in a workflow: the workflow receives the expanded cells, so a change
 * to expansion can never alter a grid that is already running.
 */
public final class GridExpander {
    /**
     * The largest grid: 10,000 cells. The grid workflow runs grids above
     * {@code AblationGridWorkflowImpl.CELLS_PER_SUBGRID} cells as sub-grids, each far below Temporal's
     * 2,000 pending children per execution and 50k history events, and the client passes large grids
     * as a base spec plus per-cell overrides so that the input stays a small payload.
     */
    public static final int MAX_CELLS = 10_000;

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private GridExpander() {
    }

    /**
     * All cells of {@code grid}, in expansion order.
     *
     * @throws SpecValidationException listing every factor path that names no field, every level
     *                                 of the wrong type and every cell that breaks a spec rule, with
     *                                 the cell in the path ({@code grid.cells[cotShare=2].recipe.cotShare})
     */
    public static List<GridCell> expand(GridSpec grid) {
        List<SpecProblem> problems = new ArrayList<>();
        Map<String, FieldKind> kinds = new LinkedHashMap<>();
        boolean explicit = !grid.cells().isEmpty();
        if (grid.factors().isEmpty() && !explicit) {
            problems.add(new SpecProblem("grid.factors", "must name at least one factor"));
        }
        grid.factors().forEach((path, levels) -> {
            String factorPath = "grid.factors." + path;
            if (!checkPath(path, factorPath, kinds, problems)) {
                return;
            }
            if (levels.isEmpty()) {
                problems.add(new SpecProblem(factorPath, "must list at least one level"));
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < levels.size(); i++) {
                if (!seen.add(renderValue(levels.get(i)))) {
                    problems.add(new SpecProblem(factorPath + "[" + i + "]", "level " + renderValue(levels.get(i))
                            + " is listed twice"));
                }
            }
        });
        for (int i = 0; i < grid.cells().size(); i++) {
            int index = i;
            grid.cells().get(i).keySet().forEach(path ->
                    checkPath(path, "grid.cells[" + index + "]." + path, kinds, problems));
        }
        if (grid.gpuBudget() > 0 && grid.gpusPerCell() > grid.gpuBudget()) {
            problems.add(new SpecProblem("grid.gpuBudget", "one cell needs " + grid.gpusPerCell() + " GPUs (nodes "
                    + grid.nodes() + " x gpusPerNode " + grid.gpusPerNode() + "), more than the budget of "
                    + grid.gpuBudget() + ", so no cell could ever start"));
        }
        if (!problems.isEmpty()) {
            throw new SpecValidationException("grid of " + grid.base().name(), problems);
        }
        long cellCount = explicit ? grid.cells().size()
                : grid.factors().values().stream().mapToLong(List::size).reduce(1, (a, b) -> a * b);
        if (cellCount > MAX_CELLS) {
            throw new SpecValidationException("grid of " + grid.base().name(), List.of(new SpecProblem(
                    explicit ? "grid.cells" : "grid.factors",
                    "expands to " + cellCount + " cells, at most " + MAX_CELLS + " are allowed")));
        }

        Set<SpecProblem> baseProblems = new HashSet<>(ExperimentSpecValidator.validate(grid.base()));
        ObjectNode baseTree = SpecTree.toTree(grid.base());
        Map<String, Integer> cellIndexByName = new HashMap<>();
        List<GridCell> cells = new ArrayList<>();
        for (Map<String, Object> factorValues : explicit ? grid.cells() : combinations(grid.factors())) {
            String cellName = cellName(factorValues);
            String cellPath = "grid.cells[" + cellName + "]";
            Integer clash = cellIndexByName.putIfAbsent(cellName, cells.size());
            if (clash != null) {
                problems.add(new SpecProblem(cellPath, explicit
                        ? "two cells get this name: list each combination of values once"
                        : "two cells get this name; make the levels differ after"
                        + " replacing characters other than letters, digits, '.', '_' and '-'"));
                continue;
            }
            List<SpecProblem> cellProblems = new ArrayList<>();
            ObjectNode tree = baseTree;
            for (Map.Entry<String, Object> level : factorValues.entrySet()) {
                JsonNode value = SpecTree.toNode(level.getValue());
                if (SpecShapeCheck.checkLeaf(value, kinds.get(level.getKey()), level.getKey(), cellProblems)) {
                    tree = SpecTree.withValue(tree, level.getKey(), value);
                }
            }
            tree.put("name", grid.base().name() + "-" + cellName);
            ExperimentSpec spec = SpecTree.toSpec(tree);
            ExperimentSpecValidator.validate(spec).stream()
                    .filter(problem -> !baseProblems.contains(problem))
                    .forEach(cellProblems::add);
            cellProblems.forEach(p -> problems.add(new SpecProblem(cellPath + "." + p.path(), p.message())));
            cells.add(new GridCell(cellName, factorValues, spec));
        }
        if (!problems.isEmpty()) {
            throw new SpecValidationException("grid of " + grid.base().name(), problems);
        }
        return List.copyOf(cells);
    }

    /**
     * A cell's experiment: {@code base} with {@code levels} applied by path and named
     * {@code <base name>-<cellName>}, exactly as {@link #expand} builds it but without validation (the
     * client validated the grid). Pure and deterministic, so a grid workflow may rebuild compact cells with it.
     */
    public static ExperimentSpec cellSpec(ExperimentSpec base, String cellName, Map<String, Object> levels) {
        ObjectNode tree = SpecTree.toTree(base);
        for (Map.Entry<String, Object> level : levels.entrySet()) {
            tree = SpecTree.withValue(tree, level.getKey(), SpecTree.toNode(level.getValue()));
        }
        tree.put("name", base.name() + "-" + cellName);
        return SpecTree.toSpec(tree);
    }

    private static boolean checkPath(String path, String problemPath, Map<String, FieldKind> kinds,
                                     List<SpecProblem> problems) {
        Optional<String> pathProblem = SpecTree.factorPathProblem(path);
        if (pathProblem.isPresent()) {
            problems.add(new SpecProblem(problemPath, pathProblem.get()));
            return false;
        }
        kinds.put(path, SpecTree.leafKind(path).orElseThrow());
        return true;
    }

    /** Every combination of levels, the first factor varying slowest (like nested loops in declaration order). */
    static List<Map<String, Object>> combinations(Map<String, List<Object>> factors) {
        List<Map<String, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> factor : factors.entrySet()) {
            List<Map<String, Object>> extended = new ArrayList<>();
            for (Map<String, Object> partial : combinations) {
                for (Object level : factor.getValue()) {
                    Map<String, Object> next = new LinkedHashMap<>(partial);
                    next.put(factor.getKey(), level);
                    extended.add(next);
                }
            }
            combinations = extended;
        }
        return combinations;
    }

    /**
     * A cell's name: {@code label=value} per factor, joined by {@code ,}. The label is the path's
     * last segment ({@code cotShare}), or the whole path when two factors share a last segment
     * ({@code recipe.seed}, {@code training.seed}). Characters other than letters, digits, {@code .},
     * {@code _} and {@code -} become {@code _}, so the name is safe in object keys and workflow ids.
     */
    public static String cellName(Map<String, Object> factorValues) {
        Map<String, Long> lastSegmentCounts = factorValues.keySet().stream()
                .collect(Collectors.groupingBy(GridExpander::lastSegment, Collectors.counting()));
        return factorValues.entrySet().stream()
                .map(e -> {
                    String label = lastSegmentCounts.get(lastSegment(e.getKey())) > 1 ? e.getKey() : lastSegment(e.getKey());
                    return sanitize(label) + "=" + sanitize(renderValue(e.getValue()));
                })
                .collect(Collectors.joining(","));
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String sanitize(String text) {
        return UNSAFE.matcher(text).replaceAll("_");
    }

    /**
     * A level as text, as cell names and reports show it: numbers without trailing zeros and never
     * in exponent form ({@code 0.01}, {@code 4}, {@code 0.0001}), lists joined by {@code _}.
     */
    public static String levelText(Object value) {
        return renderValue(value);
    }

    static String renderValue(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                return String.valueOf(number);
            }
            return new BigDecimal(Double.toString(number)).stripTrailingZeros().toPlainString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(GridExpander::renderValue).collect(Collectors.joining("_"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> e.getKey() + "-" + renderValue(e.getValue()))
                    .collect(Collectors.joining("_"));
        }
        return String.valueOf(value);
    }
}
