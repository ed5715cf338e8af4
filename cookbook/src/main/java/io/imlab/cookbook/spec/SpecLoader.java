package io.imlab.cookbook.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads an experiment or grid spec from YAML, fills the documented defaults (see
 * {@code docs/spec-reference.md}) and validates it, so that nothing runs on a spec with a problem.
 *
 * <p>The YAML is parsed into a tree and checked by hand rather than bound straight to the records:
 * binding stops at the first error, while a researcher wants every problem at once, each with its
 * field path ({@code recipe.collectionShares.flan: must be between 0 and 1}).
 *
 * <p>A file is a grid when it has a top-level {@code grid:} section with {@code factors:} (spec path
 * to a list of levels) and optionally {@code maxParallel}; everything else in the file is the base
 * experiment.
 */
public final class SpecLoader {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern UNSAFE_NAME = Pattern.compile("[^A-Za-z0-9._-]+");

    private SpecLoader() {
    }

    /**
     * Loads and validates a spec file.
     *
     * @throws SpecValidationException listing every problem, the file name in its message
     * @throws IOException             when the file cannot be read
     */
    public static SpecDocument load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * Loads and validates a spec file, resolving the bench's data paths: {@code bench.dataRoot} becomes an
     * absolute folder (relative to the spec file's folder; the spec file's folder when unset), and every
     * file a {@code collections} bench names must exist.
     *
     * @param dataRootOverride when not null, replaces {@code bench.dataRoot} (a command-line flag or
     *                         environment variable pointing at the data elsewhere)
     * @throws SpecValidationException listing every problem, missing input files by their field path
     * @throws IOException             when the file cannot be read
     */
    public static SpecDocument load(Path file, Path dataRootOverride) throws IOException {
        Path folder = file.toAbsolutePath().normalize().getParent();
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), folder, dataRootOverride);
    }

    /** Loads a file that must describe one experiment (not a grid). */
    public static ExperimentSpec loadExperiment(Path file) throws IOException {
        return loadExperiment(file, null);
    }

    /** Loads a file that must describe one experiment (not a grid), with {@link #load(Path, Path)}'s path handling. */
    public static ExperimentSpec loadExperiment(Path file, Path dataRootOverride) throws IOException {
        SpecDocument document = load(file, dataRootOverride);
        if (document instanceof ExperimentDocument experiment) {
            return experiment.experiment();
        }
        throw new SpecValidationException(file.toString(), List.of(new SpecProblem("grid",
                "this file describes a grid; an experiment was expected")));
    }

    /** Loads a file that must describe a grid. */
    public static GridDocument loadGrid(Path file) throws IOException {
        SpecDocument document = load(file);
        if (document instanceof GridDocument grid) {
            return grid;
        }
        throw new SpecValidationException(file.toString(), List.of(new SpecProblem("grid",
                "is required: this file describes one experiment; a grid was expected")));
    }

    /**
     * Parses and validates spec YAML.
     *
     * @param yaml   the document
     * @param source where it came from, for messages; its base name is the default experiment name
     * @throws SpecValidationException listing every problem
     */
    public static SpecDocument parse(String yaml, String source) {
        return parse(yaml, source, null, null);
    }

    private static SpecDocument parse(String yaml, String source, Path folder, Path dataRootOverride) {
        ObjectNode document = readDocument(yaml, source);
        if (folder != null) {
            resolveDataRoot(document, folder, dataRootOverride);
        }
        List<SpecProblem> problems = new ArrayList<>();
        JsonNode gridSection = document.remove(SpecSchema.GRID);

        SpecShapeCheck.Result shape = SpecShapeCheck.check(document, SpecSchema.EXPERIMENT);
        problems.addAll(shape.problems());
        ObjectNode defaults = SpecTree.toTree(ExperimentSpec.defaults(defaultName(source)));
        ExperimentSpec experiment = SpecTree.toSpec(SpecTree.merge(defaults, shape.cleaned()));
        problems.addAll(ExperimentSpecValidator.validate(experiment));
        if (folder != null && BenchSpec.COLLECTIONS.equals(experiment.bench().source())) {
            problems.addAll(BenchInputs.check(experiment.bench(), folder));
        }

        if (gridSection == null) {
            throwIfAny(source, problems);
            return new ExperimentDocument(source, experiment);
        }
        GridSpec grid = readGrid(gridSection, experiment, problems);
        if (grid == null) {
            throwIfAny(source, problems);
            throw new IllegalStateException("grid section unreadable without a problem");
        }
        List<GridCell> cells = List.of();
        try {
            cells = GridExpander.expand(grid);
        } catch (SpecValidationException e) {
            problems.addAll(e.problems());
        }
        throwIfAny(source, problems);
        return new GridDocument(source, grid, cells);
    }

    /** The grid section's own shape; factor paths, levels and cells are checked by {@link GridExpander}. */
    private static GridSpec readGrid(JsonNode section, ExperimentSpec base, List<SpecProblem> problems) {
        if (!(section instanceof ObjectNode grid)) {
            problems.add(SpecShapeCheck.wrongType(SpecSchema.GRID, FieldKind.SECTION, section));
            return null;
        }
        boolean readable = true;
        int maxParallel = GridSpec.DEFAULT_MAX_PARALLEL;
        int nodes = 1;
        int gpusPerNode = 0;
        int gpuBudget = 0;
        Map<String, List<Object>> factors = new LinkedHashMap<>();
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : grid.properties()) {
            String path = SpecSchema.GRID + "." + field.getKey();
            switch (field.getKey()) {
                case SpecSchema.GRID_MAX_PARALLEL -> maxParallel = readCount(field.getValue(), path, 1, maxParallel, problems);
                case SpecSchema.GRID_NODES -> nodes = readCount(field.getValue(), path, 1, nodes, problems);
                case SpecSchema.GRID_GPUS_PER_NODE -> gpusPerNode = readCount(field.getValue(), path, 0, gpusPerNode, problems);
                case SpecSchema.GRID_GPU_BUDGET -> gpuBudget = readCount(field.getValue(), path, 0, gpuBudget, problems);
                case SpecSchema.GRID_FACTORS -> readable &= readFactors(field.getValue(), path, factors, problems);
                case SpecSchema.GRID_CELLS -> readable &= readCells(field.getValue(), path, cells, problems);
                default -> problems.add(new SpecProblem(path, "unknown field; known fields here: "
                        + String.join(", ", SpecSchema.GRID_FACTORS, SpecSchema.GRID_CELLS, SpecSchema.GRID_MAX_PARALLEL,
                        SpecSchema.GRID_NODES, SpecSchema.GRID_GPUS_PER_NODE, SpecSchema.GRID_GPU_BUDGET)));
            }
        }
        boolean hasFactors = grid.has(SpecSchema.GRID_FACTORS);
        boolean hasCells = grid.has(SpecSchema.GRID_CELLS);
        if (!hasFactors && !hasCells) {
            problems.add(new SpecProblem(SpecSchema.GRID + "." + SpecSchema.GRID_FACTORS,
                    "is required: a grid names at least one factor, e.g. recipe.cotShare: [0, 0.01],"
                            + " or lists its cells under grid.cells"));
            readable = false;
        } else if (hasFactors && hasCells) {
            problems.add(new SpecProblem(SpecSchema.GRID + "." + SpecSchema.GRID_CELLS,
                    "give either factors (full factorial) or an explicit list of cells, not both"));
            readable = false;
        }
        return readable ? new GridSpec(base, factors, cells, maxParallel, nodes, gpusPerNode, gpuBudget) : null;
    }

    private static int readCount(JsonNode node, String path, int minimum, int fallback, List<SpecProblem> problems) {
        if (!SpecShapeCheck.checkLeaf(node, FieldKind.INTEGER, path, problems)) {
            return fallback;
        }
        int value = node.intValue();
        if (value < minimum) {
            problems.add(new SpecProblem(path, (minimum == 1 ? "must be positive" : "must be at least " + minimum)
                    + ", got " + value));
            return fallback;
        }
        return value;
    }

    private static boolean readCells(JsonNode node, String path, List<Map<String, Object>> cells,
                                     List<SpecProblem> problems) {
        if (!(node instanceof ArrayNode cellNodes)) {
            problems.add(new SpecProblem(path, "expected a list of cells (each a mapping of spec path to value), got "
                    + SpecShapeCheck.describe(node)));
            return false;
        }
        boolean readable = true;
        for (int i = 0; i < cellNodes.size(); i++) {
            String cellPath = path + "[" + i + "]";
            if (!(cellNodes.get(i) instanceof ObjectNode cellNode) || cellNode.isEmpty()) {
                problems.add(new SpecProblem(cellPath, "expected a mapping of spec path to value, e.g."
                        + " {recipe.cotShare: 0.01, training.seed: 2}, got " + SpecShapeCheck.describe(cellNodes.get(i))));
                readable = false;
                continue;
            }
            Map<String, Object> cell = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : cellNode.properties()) {
                if (entry.getValue().isNull()) {
                    problems.add(new SpecProblem(cellPath + "." + entry.getKey(), "a value cannot be empty"));
                    readable = false;
                } else {
                    cell.put(entry.getKey(), SpecTree.toPlainValue(entry.getValue()));
                }
            }
            cells.add(cell);
        }
        return readable;
    }

    private static boolean readFactors(JsonNode node, String path, Map<String, List<Object>> factors,
                                       List<SpecProblem> problems) {
        if (!(node instanceof ObjectNode factorNodes)) {
            problems.add(SpecShapeCheck.wrongType(path, FieldKind.SECTION, node));
            return false;
        }
        boolean readable = true;
        for (Map.Entry<String, JsonNode> entry : factorNodes.properties()) {
            String factorPath = path + "." + entry.getKey();
            if (!(entry.getValue() instanceof ArrayNode levelNodes)) {
                problems.add(new SpecProblem(factorPath, "expected a list of levels, got "
                        + SpecShapeCheck.describe(entry.getValue())));
                readable = false;
                continue;
            }
            List<Object> levels = new ArrayList<>();
            for (int i = 0; i < levelNodes.size(); i++) {
                if (levelNodes.get(i).isNull()) {
                    problems.add(new SpecProblem(factorPath + "[" + i + "]", "a level cannot be empty"));
                    readable = false;
                } else {
                    levels.add(SpecTree.toPlainValue(levelNodes.get(i)));
                }
            }
            factors.put(entry.getKey(), levels);
        }
        return readable;
    }

    private static ObjectNode readDocument(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new SpecValidationException(source, List.of(new SpecProblem(SpecProblem.ROOT,
                    "not valid YAML" + where + ": " + e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new SpecValidationException(source, List.of(new SpecProblem(SpecProblem.ROOT,
                    "the file is empty; an experiment needs at least a name or one section")));
        }
        if (!(root instanceof ObjectNode object)) {
            throw new SpecValidationException(source, List.of(new SpecProblem(SpecProblem.ROOT,
                    "expected a mapping of spec sections, got " + SpecShapeCheck.describe(root))));
        }
        return object;
    }

    /**
     * Makes a {@code collections} bench's {@code dataRoot} absolute, so the spec means the same files wherever
     * it is run from (a worker, another folder). A mini bench reads no files and is left as written.
     */
    private static void resolveDataRoot(ObjectNode document, Path folder, Path dataRootOverride) {
        if (!(document.get("bench") instanceof ObjectNode bench)
                || !BenchSpec.COLLECTIONS.equals(bench.path("source").asText(null))) {
            return;
        }
        JsonNode dataRoot = bench.get("dataRoot");
        if (dataRootOverride != null) {
            bench.put("dataRoot", folder.resolve(dataRootOverride).normalize().toString());
        } else if (dataRoot == null) {
            bench.put("dataRoot", folder.toString());
        } else if (dataRoot.isTextual() && !dataRoot.asText().isBlank()) {
            bench.put("dataRoot", folder.resolve(dataRoot.asText()).normalize().toString());
        }
    }

    /** The file's base name made safe as an experiment name: {@code examples/quickstart.yaml} → {@code quickstart}. */
    static String defaultName(String source) {
        String base = source.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String lower = base.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml")) {
            base = base.substring(0, base.length() - 5);
        } else if (lower.endsWith(".yml")) {
            base = base.substring(0, base.length() - 4);
        }
        base = UNSAFE_NAME.matcher(base).replaceAll("-").replaceAll("^[-._]+", "");
        return base.isEmpty() ? "experiment" : base;
    }

    private static void throwIfAny(String source, List<SpecProblem> problems) {
        if (!problems.isEmpty()) {
            throw new SpecValidationException(source, problems);
        }
    }
}
