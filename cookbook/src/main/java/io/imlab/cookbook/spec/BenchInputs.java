package io.imlab.cookbook.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a {@link BenchSpec} names, resolved to absolute paths and checked to exist.
 *
 * <p>A relative path resolves against {@code bench.dataRoot}; a relative {@code dataRoot} (and an unset one)
 * against the folder given to {@link #resolve} (the spec file's folder when loaded by {@link SpecLoader}).
 *
 * @param dataRoot           the folder relative paths resolved against
 * @param supernaturalTasks  the Super-NaturalInstructions task folder, or {@code null}
 * @param promptsource       PromptSource datasets
 * @param seq2seq            seq2seq task descriptors
 * @param cot                chain-of-thought files
 * @param dialogue           dialogue pool files
 * @param plainText          plain-text pool files
 * @param taxonomy           the category map replacing the shipped one, or {@code null}
 */
public record BenchInputs(Path dataRoot, Path supernaturalTasks, List<PromptSourceFiles> promptsource, List<Path> seq2seq,
                          List<Path> cot, List<Path> dialogue, List<Path> plainText, Path taxonomy) {
    public BenchInputs {
        promptsource = List.copyOf(promptsource);
        seq2seq = List.copyOf(seq2seq);
        cot = List.copyOf(cot);
        dialogue = List.copyOf(dialogue);
        plainText = List.copyOf(plainText);
    }

    /** One PromptSource dataset's files. */
    public record PromptSourceFiles(Path templates, Path rows, boolean originalTaskOnly) {
    }

    /** The folder {@code bench.dataRoot} names, resolved against {@code baseDir}. */
    public static Path dataRoot(BenchSpec bench, Path baseDir) {
        Path base = baseDir.toAbsolutePath().normalize();
        return bench.dataRoot() == null ? base : base.resolve(bench.dataRoot()).normalize();
    }

    /**
     * Resolves and checks every path of {@code bench}.
     *
     * @param baseDir the folder a relative (or unset) {@code bench.dataRoot} resolves against
     * @throws SpecValidationException naming the field of every path that does not exist
     */
    public static BenchInputs resolve(BenchSpec bench, Path baseDir) {
        List<SpecProblem> problems = new ArrayList<>();
        BenchInputs inputs = resolve(bench, baseDir, problems);
        if (!problems.isEmpty()) {
            throw new SpecValidationException("bench inputs", problems);
        }
        return inputs;
    }

    /** Every path problem of {@code bench}, with its field path; empty when all exist. */
    public static List<SpecProblem> check(BenchSpec bench, Path baseDir) {
        List<SpecProblem> problems = new ArrayList<>();
        resolve(bench, baseDir, problems);
        return problems;
    }

    private static BenchInputs resolve(BenchSpec bench, Path baseDir, List<SpecProblem> problems) {
        Path root = dataRoot(bench, baseDir);
        if (!Files.isDirectory(root)) {
            problems.add(new SpecProblem("bench.dataRoot", "no such folder: " + root));
        }
        BenchCollectionsSpec collections = bench.collections();
        String prefix = "bench.collections.";
        Path supernatural = collections.supernatural() == null ? null
                : folder(root, collections.supernatural().tasks(), prefix + "supernatural.tasks", problems);
        List<PromptSourceFiles> promptsource = new ArrayList<>();
        for (int i = 0; i < collections.promptsource().size(); i++) {
            PromptSourceSpec dataset = collections.promptsource().get(i);
            String path = prefix + "promptsource[" + i + "]";
            promptsource.add(new PromptSourceFiles(file(root, dataset.templates(), path + ".templates", problems),
                    file(root, dataset.rows(), path + ".rows", problems), dataset.originalTaskOnly()));
        }
        Path taxonomy = bench.taxonomy() == null ? null : file(root, bench.taxonomy(), "bench.taxonomy", problems);
        return new BenchInputs(root, supernatural, promptsource,
                files(root, collections.seq2seq(), prefix + "seq2seq", problems),
                files(root, collections.cot(), prefix + "cot", problems),
                files(root, collections.pools().dialogue(), prefix + "pools.dialogue", problems),
                files(root, collections.pools().plainText(), prefix + "pools.plainText", problems),
                taxonomy);
    }

    private static List<Path> files(Path root, List<String> values, String path, List<SpecProblem> problems) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(file(root, values.get(i), path + "[" + i + "]", problems));
        }
        return out;
    }

    private static Path file(Path root, String value, String path, List<SpecProblem> problems) {
        Path resolved = resolvePath(root, value, path, problems);
        if (resolved != null && !Files.isRegularFile(resolved)) {
            problems.add(new SpecProblem(path, (Files.isDirectory(resolved) ? "is a folder, expected a file: " : "no such file: ")
                    + resolved));
        }
        return resolved;
    }

    private static Path folder(Path root, String value, String path, List<SpecProblem> problems) {
        Path resolved = resolvePath(root, value, path, problems);
        if (resolved != null && !Files.isDirectory(resolved)) {
            problems.add(new SpecProblem(path, (Files.exists(resolved) ? "is a file, expected a folder: " : "no such folder: ")
                    + resolved));
        }
        return resolved;
    }

    private static Path resolvePath(Path root, String value, String path, List<SpecProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new SpecProblem(path, "must name a file or folder"));
            return null;
        }
        return root.resolve(value).normalize();
    }
}
