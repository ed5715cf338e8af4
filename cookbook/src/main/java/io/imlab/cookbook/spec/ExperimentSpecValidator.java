package io.imlab.cookbook.spec;

import io.imlab.cookbook.task.Collections;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Range and consistency rules of an {@link ExperimentSpec}, reported all at once with field paths.
 * The loader runs it on every file and every grid cell; code that builds specs by other means (a
 * custom resource, a test) runs it too.
 */
public final class ExperimentSpecValidator {
    /**
     * Experiment names end up in object keys, workflow ids and file names, so they are kept to
     * characters that need no escaping there (plus {@code =} and {@code ,} from grid cell names).
     */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=,-]{0,199}");

    private ExperimentSpecValidator() {
    }

    /** Every problem with {@code spec}; empty when it is valid. */
    public static List<SpecProblem> validate(ExperimentSpec spec) {
        Problems problems = new Problems();
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            problems.add("name", "must be 1-200 letters, digits, '.', '_', '-', '=' or ',', starting with a letter"
                    + " or digit, got " + quote(spec.name()));
        }
        required(problems, "bench", spec.bench());
        required(problems, "splits", spec.splits());
        required(problems, "recipe", spec.recipe());
        required(problems, "model", spec.model());
        required(problems, "training", spec.training());
        required(problems, "evaluation", spec.evaluation());
        if (spec.bench() != null) {
            validateBench(spec.bench(), problems);
        }
        if (spec.splits() != null) {
            validateSplits(spec.splits(), problems);
        }
        if (spec.recipe() != null) {
            validateRecipe(spec.recipe(), problems);
        }
        if (spec.model() != null) {
            validateModel(spec.model(), problems);
        }
        if (spec.training() != null) {
            validateTraining(spec.training(), problems);
        }
        if (spec.evaluation() != null) {
            validateEvaluation(spec.evaluation(), problems);
        }
        return problems.list;
    }

    private static void validateBench(BenchSpec bench, Problems problems) {
        if (!BenchSpec.MINI.equals(bench.source()) && !BenchSpec.COLLECTIONS.equals(bench.source())) {
            problems.add("bench.source", "must be " + BenchSpec.MINI + " (the built-in generator) or "
                    + BenchSpec.COLLECTIONS + " (the files named in bench.collections), got " + quote(bench.source()));
        }
        problems.positive("bench.tasksPerFamily", bench.tasksPerFamily());
        problems.positive("bench.instancesPerTask", bench.instancesPerTask());
        if (bench.dataRoot() != null && bench.dataRoot().isBlank()) {
            problems.add("bench.dataRoot", "must name a folder; leave the key out for the spec file's folder");
        }
        if (bench.taxonomy() != null && bench.taxonomy().isBlank()) {
            problems.add("bench.taxonomy", "must name a category-map YAML; leave the key out for the shipped map");
        }
        BenchCollectionsSpec collections = bench.collections();
        if (BenchSpec.COLLECTIONS.equals(bench.source()) && !collections.hasTaskSource()) {
            problems.add("bench.collections", "must name at least one task collection (supernatural, promptsource,"
                    + " seq2seq, or cot with cotAsTasks) when bench.source is " + BenchSpec.COLLECTIONS);
        }
        if (BenchSpec.MINI.equals(bench.source()) && !collections.equals(BenchCollectionsSpec.none())) {
            problems.add("bench.collections", "is only read when bench.source is " + BenchSpec.COLLECTIONS
                    + "; the mini bench would ignore it");
        }
        String prefix = "bench.collections.";
        if (collections.supernatural() != null) {
            problems.path(prefix + "supernatural.tasks", collections.supernatural().tasks());
        }
        for (int i = 0; i < collections.promptsource().size(); i++) {
            PromptSourceSpec dataset = collections.promptsource().get(i);
            problems.path(prefix + "promptsource[" + i + "].templates", dataset.templates());
            problems.path(prefix + "promptsource[" + i + "].rows", dataset.rows());
        }
        problems.paths(prefix + "seq2seq", collections.seq2seq());
        problems.paths(prefix + "cot", collections.cot());
        problems.paths(prefix + "pools.dialogue", collections.pools().dialogue());
        problems.paths(prefix + "pools.plainText", collections.pools().plainText());
        problems.positive("bench.maxInstancesPerTask", bench.maxInstancesPerTask());
        for (Map.Entry<String, Integer> cap : bench.maxInstancesPerTaskByCollection().entrySet()) {
            String path = "bench.maxInstancesPerTaskByCollection." + cap.getKey();
            if (!Collections.KNOWN.contains(cap.getKey())) {
                problems.add(path, "unknown collection; known collections: " + String.join(", ", Collections.KNOWN));
            }
            problems.positive(path, cap.getValue() == null ? 0 : cap.getValue());
        }
    }

    private static void validateSplits(SplitSpec splits, Problems problems) {
        categories(problems, "splits.heldOutCategories", splits.heldOutCategories());
        categories(problems, "splits.partiallyHeldOutCategories", splits.partiallyHeldOutCategories());
        Set<String> fullyHeldOut = new HashSet<>(splits.heldOutCategories());
        for (int i = 0; i < splits.partiallyHeldOutCategories().size(); i++) {
            String category = splits.partiallyHeldOutCategories().get(i);
            // A category is either unseen (level 1) or seen with some tasks held out (level 2), never both.
            if (fullyHeldOut.contains(category)) {
                problems.add("splits.partiallyHeldOutCategories[" + i + "]",
                        quote(category) + " is also in splits.heldOutCategories; a category is held out fully or partially");
            }
        }
        if (splits.heldOutTasksPerCategory() < 0) {
            problems.add("splits.heldOutTasksPerCategory", "must be 0 or more, got " + splits.heldOutTasksPerCategory());
        } else if (splits.heldOutTasksPerCategory() == 0 && !splits.partiallyHeldOutCategories().isEmpty()) {
            problems.add("splits.heldOutTasksPerCategory",
                    "must be at least 1 when splits.partiallyHeldOutCategories names categories");
        }
        // Level 3 evaluates held-out instances of training tasks, so some (but not all) must be held out.
        if (!(splits.heldOutInstanceFraction() > 0 && splits.heldOutInstanceFraction() < 1)) {
            problems.add("splits.heldOutInstanceFraction",
                    "must be greater than 0 and less than 1, got " + splits.heldOutInstanceFraction());
        }
        problems.positive("splits.maxEvalInstancesPerTask", splits.maxEvalInstancesPerTask());
        categories(problems, "splits.testCategories", splits.testCategories());
        if (!(splits.testFraction() >= 0 && splits.testFraction() <= 1)) {
            problems.add("splits.testFraction", "must be between 0 and 1, got " + splits.testFraction());
        }
        problems.notNegative("splits.maxTestInstancesPerTask", splits.maxTestInstancesPerTask());
    }

    private static void validateRecipe(RecipeSpec recipe, Problems problems) {
        problems.positive("recipe.taskCap", recipe.taskCap());
        double collectionTotal = 0;
        boolean collectionSharesValid = true;
        for (Map.Entry<String, Double> share : new TreeMap<>(recipe.collectionShares()).entrySet()) {
            String path = "recipe.collectionShares." + share.getKey();
            if (!Collections.KNOWN.contains(share.getKey())) {
                problems.add(path, "unknown collection; known collections: " + String.join(", ", Collections.KNOWN));
                collectionSharesValid = false;
            }
            collectionSharesValid &= problems.share(path, share.getValue());
            collectionTotal += share.getValue() == null ? 0 : share.getValue();
        }
        // Explicit collection shares are probabilities; the collections left out share what remains (§4.3).
        if (collectionSharesValid && collectionTotal > 1 + TOLERANCE) {
            problems.add("recipe.collectionShares", "shares add up to " + round(collectionTotal) + ", must be at most 1");
        }
        boolean extrasValid = problems.share("recipe.cotShare", recipe.cotShare());
        extrasValid &= problems.share("recipe.dialogueShare", recipe.dialogueShare());
        extrasValid &= problems.share("recipe.plainTextShare", recipe.plainTextShare());
        double extras = recipe.cotShare() + recipe.dialogueShare() + recipe.plainTextShare();
        if (extrasValid && extras > 1 + TOLERANCE) {
            problems.add("recipe", "cotShare + dialogueShare + plainTextShare add up to " + round(extras)
                    + ", must be at most 1 (the rest of the mixture is task data)");
        }
        problems.positive("recipe.sequenceLength", recipe.sequenceLength());
        problems.positive("recipe.sequences", recipe.sequences());
        for (Map.Entry<String, Integer> cap : new TreeMap<>(recipe.collectionCaps()).entrySet()) {
            String path = "recipe.collectionCaps." + cap.getKey();
            if (!Collections.KNOWN.contains(cap.getKey())) {
                problems.add(path, "unknown collection; known collections: " + String.join(", ", Collections.KNOWN));
            }
            if (cap.getValue() == null || cap.getValue() <= 0) {
                problems.add(path, "must be positive, got " + cap.getValue());
            }
        }
        if (!(recipe.temperature() > 0 && Double.isFinite(recipe.temperature()))) {
            problems.add("recipe.temperature", "must be a positive number, got " + recipe.temperature());
        }
        if (recipe.tokens() < 0) {
            problems.add("recipe.tokens", "must be 0 (use recipe.sequences) or a positive token budget, got " + recipe.tokens());
        } else if (recipe.tokens() > 0 && recipe.sequenceLength() > 0
                && recipe.sequenceCount() > Integer.MAX_VALUE) {
            problems.add("recipe.tokens", "gives " + recipe.sequenceCount() + " sequences, more than " + Integer.MAX_VALUE);
        }
        validateSubset(recipe.subset(), problems);
        validateMetaIcl(recipe.metaIcl(), problems);
        validateTokenizer(recipe.tokenizer(), problems);
    }

    private static void validateSubset(TaskSubsetSpec subset, Problems problems) {
        // Bench-dependent checks (a subset larger than the tasks available, unknown names) run when the
        // mixture is planned against a bench: MixturePlan.
        problems.notNegative("recipe.subset.tasks", subset.tasks());
        problems.notNegative("recipe.subset.categories", subset.categories());
        categories(problems, "recipe.subset.alwaysCategories", subset.alwaysCategories());
        names(problems, "recipe.subset.onlyTasks", subset.onlyTasks(), "a task");
        if (subset.categories() > 0 && subset.alwaysCategories().size() > subset.categories()) {
            problems.add("recipe.subset.alwaysCategories", subset.alwaysCategories().size()
                    + " categories always included, more than recipe.subset.categories (" + subset.categories() + ")");
        }
        if (subset.tasks() > 0 && !subset.onlyTasks().isEmpty() && subset.tasks() > subset.onlyTasks().size()) {
            problems.add("recipe.subset.tasks", subset.tasks() + " tasks requested but recipe.subset.onlyTasks names only "
                    + subset.onlyTasks().size());
        }
    }

    private static void validateMetaIcl(MetaIclSpec metaIcl, Problems problems) {
        problems.notNegative("recipe.metaIcl.maxShots", metaIcl.maxShots());
        if (!(metaIcl.zipfA() > 0 && Double.isFinite(metaIcl.zipfA()))) {
            problems.add("recipe.metaIcl.zipfA", "must be a positive number, got " + metaIcl.zipfA());
        }
        if (metaIcl.lossOnDemonstrations() && metaIcl.maxShots() == 0) {
            problems.add("recipe.metaIcl.lossOnDemonstrations",
                    "needs demonstrations: set recipe.metaIcl.maxShots above 0");
        }
    }

    private static void validateTokenizer(TokenizerSpec tokenizer, Problems problems) {
        if (!TokenizerSpec.KINDS.contains(tokenizer.kind())) {
            problems.add("recipe.tokenizer.kind", "must be one of " + String.join(", ", TokenizerSpec.KINDS)
                    + ", got " + quote(tokenizer.kind()));
            return;
        }
        boolean gpt2 = tokenizer.kind().equals(TokenizerSpec.GPT2);
        boolean huggingFace = tokenizer.kind().equals(TokenizerSpec.HUGGING_FACE);
        fileField(problems, "recipe.tokenizer.vocab", tokenizer.vocab(), gpt2, tokenizer.kind(), "gpt2-vocab.json");
        fileField(problems, "recipe.tokenizer.merges", tokenizer.merges(), gpt2, tokenizer.kind(), "gpt2-merges.txt");
        fileField(problems, "recipe.tokenizer.file", tokenizer.file(), huggingFace, tokenizer.kind(), "tokenizer.json");
    }

    private static void fileField(Problems problems, String path, String value, boolean needed, String kind, String example) {
        if (needed && value.isBlank()) {
            problems.add(path, "is required for tokenizer kind " + kind + ": the path of " + example);
        } else if (!needed && !value.isBlank()) {
            problems.add(path, "is not used by tokenizer kind " + kind + "; remove it");
        }
    }

    private static void validateModel(ModelSpec model, Problems problems) {
        if (!ModelSpec.PRESETS.contains(model.preset())) {
            problems.add("model.preset", "must be one of " + String.join(", ", ModelSpec.PRESETS) + ", got " + quote(model.preset()));
        }
        problems.notNegative("model.layers", model.layers());
        problems.notNegative("model.dModel", model.dModel());
        problems.notNegative("model.heads", model.heads());
        if (model.dModel() > 0 && model.heads() > 0 && model.dModel() % model.heads() != 0) {
            problems.add("model.dModel", "must be divisible by model.heads (" + model.heads() + "), got " + model.dModel());
        }
        if (!(model.dropout() >= 0 && model.dropout() < 1)) {
            problems.add("model.dropout", "must be at least 0 and less than 1, got " + model.dropout());
        }
    }

    private static void validateTraining(TrainingSpec training, Problems problems) {
        problems.positive("training.steps", training.steps());
        problems.positive("training.batchSize", training.batchSize());
        if (!(training.learningRate() > 0 && Double.isFinite(training.learningRate()))) {
            problems.add("training.learningRate", "must be a positive number, got " + training.learningRate());
        }
        // Warmup longer than the run is allowed: a short smoke run keeps the default warmup and simply
        // never reaches the peak learning rate.
        problems.notNegative("training.warmupSteps", training.warmupSteps());
        if (!(training.gradientClip() > 0 && Double.isFinite(training.gradientClip()))) {
            problems.add("training.gradientClip", "must be a positive number, got " + training.gradientClip());
        }
        problems.positive("training.checkpointEvery", training.checkpointEvery());
    }

    private static void validateEvaluation(EvalSpec evaluation, Problems problems) {
        problems.notNegative("evaluation.shots", evaluation.shots());
        problems.positive("evaluation.maxInstancesPerTask", evaluation.maxInstancesPerTask());
        problems.positive("evaluation.maxNewTokens", evaluation.maxNewTokens());
        if (!EvalSpec.DEV.equals(evaluation.split()) && !EvalSpec.TEST.equals(evaluation.split())) {
            problems.add("evaluation.split", "must be " + EvalSpec.DEV + " or " + EvalSpec.TEST + ", got " + quote(evaluation.split()));
        }
        if (!EvalSpec.DEMONSTRATION_SOURCES.contains(evaluation.demonstrations())) {
            problems.add("evaluation.demonstrations", "must be one of " + String.join(", ", EvalSpec.DEMONSTRATION_SOURCES)
                    + ", got " + quote(evaluation.demonstrations()));
        }
        problems.notNegative("evaluation.bootstrapSamples", evaluation.bootstrapSamples());
        problems.notNegative("evaluation.diagnosticInstancesPerTask", evaluation.diagnosticInstancesPerTask());
        problems.notNegative("evaluation.sensitivityVariants", evaluation.sensitivityVariants());
        String base = evaluation.base();
        if (!base.isEmpty() && !base.equals(EvalSpec.BASE_INIT) && !base.startsWith("s3://")) {
            problems.add("evaluation.base", "must be empty, \"" + EvalSpec.BASE_INIT
                    + "\" (the run's step-0 model) or an s3:// checkpoint folder, got " + quote(base));
        }
        String responses = evaluation.responsesUri();
        if (!responses.isEmpty() && !responses.startsWith("s3://")) {
            problems.add("evaluation.responsesUri", "must be an s3:// object, got " + quote(responses));
        }
    }

    private static void categories(Problems problems, String path, List<String> categories) {
        names(problems, path, categories, "a category");
    }

    private static void names(Problems problems, String path, List<String> categories, String what) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            String category = categories.get(i);
            if (category == null || category.isBlank()) {
                problems.add(path + "[" + i + "]", "must name " + what);
            } else if (!seen.add(category)) {
                problems.add(path + "[" + i + "]", quote(category) + " is listed twice");
            }
        }
    }

    private static void required(Problems problems, String path, Object section) {
        if (section == null) {
            problems.add(path, "is required");
        }
    }

    private static final double TOLERANCE = 1e-9;

    private static String round(double value) {
        return String.valueOf(Math.round(value * 1e6) / 1e6);
    }

    private static String quote(String value) {
        return value == null ? "nothing" : "\"" + value + "\"";
    }

    private static final class Problems {
        private final List<SpecProblem> list = new ArrayList<>();

        void add(String path, String message) {
            list.add(new SpecProblem(path, message));
        }

        void positive(String path, int value) {
            if (value <= 0) {
                add(path, "must be positive, got " + value);
            }
        }

        void notNegative(String path, int value) {
            if (value < 0) {
                add(path, "must be 0 or more, got " + value);
            }
        }

        void path(String path, String value) {
            if (value == null || value.isBlank()) {
                add(path, "must name a file or folder");
            }
        }

        void paths(String path, List<String> values) {
            for (int i = 0; i < values.size(); i++) {
                path(path + "[" + i + "]", values.get(i));
            }
        }

        boolean share(String path, Double value) {
            if (value == null || !(value >= 0 && value <= 1)) {
                add(path, "must be between 0 and 1, got " + value);
                return false;
            }
            return true;
        }
    }
}
