package io.imlab.cookbook.bench;

import io.imlab.cookbook.ingest.SharedData;
import io.imlab.cookbook.spec.BenchInputs;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.cookbook.spec.SplitSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bench built in two passes (SuperNI files scanned for hashes, split on outlines, each task read again to be
 * written) is byte-for-byte the bench built with every task in memory ({@link BenchBuilder#inMemory}).
 */
class BenchTwoPassTest {
    @TempDir
    Path tmp;

    @Test
    void twoPassBuildIsByteIdenticalToTheInMemoryBuildOnGeneratedData() throws IOException {
        Path tasks = generated();
        BenchSpec bench = BenchBuilderTest.collections(tasks, 200, Map.of());
        SplitSpec splits = new SplitSpec(9, List.of("Textual Entailment"), List.of("Question Answering"), 1, 0.2, 40,
                List.of("Sentiment Analysis"), 0.5, 0);
        BenchInputs inputs = BenchInputs.resolve(bench, tmp);
        BenchBuilder.Result twoPass = new BenchBuilder().build(bench, splits, inputs, "h", tmp.resolve("two-pass"));
        BenchBuilder.Result inMemory = BenchBuilder.inMemory(BenchBuildListener.SILENT)
                .build(bench, splits, inputs, "h", tmp.resolve("in-memory"));

        assertThat(twoPass.summary().capped()).isNotEmpty();
        assertThat(twoPass.leakage().flagged()).isNotEmpty();
        assertThat(files(twoPass.dir())).hasSizeGreaterThan(20).isEqualTo(files(inMemory.dir()));
    }

    @Test
    void twoPassBuildIsByteIdenticalToTheInMemoryBuildOnTheSharedData() throws IOException {
        Path data = SharedData.require();
        Path example = BenchBuilderSharedDataTest.EXAMPLE;
        ExperimentSpec spec = SpecLoader.loadExperiment(example, data);
        BenchInputs inputs = BenchInputs.resolve(spec.bench(), example.toAbsolutePath().getParent());
        BenchBuilder.Result twoPass = new BenchBuilder().build(spec.bench(), spec.splits(), inputs, "h", tmp.resolve("two-pass"));
        BenchBuilder.Result inMemory = BenchBuilder.inMemory(BenchBuildListener.SILENT)
                .build(spec.bench(), spec.splits(), inputs, "h", tmp.resolve("in-memory"));
        assertThat(twoPass.leakage().flagged()).hasSize(64);
        assertThat(files(twoPass.dir())).hasSize(240).isEqualTo(files(inMemory.dir()));
    }

    @Test
    void aTaskFileChangedBetweenThePassesFailsTheBuildAndLeavesNothing() throws IOException {
        Path tasks = generated();
        BenchSpec bench = BenchBuilderTest.collections(tasks, 200, Map.of());
        SplitSpec splits = new SplitSpec(9, List.of("Textual Entailment"), List.of("Question Answering"), 1, 0.2, 40,
                List.of("Sentiment Analysis"), 0.5, 0);
        Path changed = tasks.resolve("task003_generated.json");
        BenchBuildListener editor = new BenchBuildListener() {
            @Override
            public void step(String description) {
                if (description.startsWith("writing")) {
                    try {
                        Files.writeString(changed, Files.readString(changed).replaceFirst("\"input\":\"", "\"input\":\"edited "));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void ingested(int done, int total, Path file, long superNiInstances) {
            }
        };
        Path out = tmp.resolve("bench");
        assertThatThrownBy(() -> new BenchBuilder(editor).build(bench, splits, BenchInputs.resolve(bench, tmp), "h", out))
                .isInstanceOf(InvalidBenchInputException.class)
                .hasMessageContaining("task003_generated.json changed while the bench was built");
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".partial-"));
        }
    }

    /** 24 generated SuperNI tasks sharing passages and repeating inputs, some above the cap. */
    private Path generated() throws IOException {
        Path tasks = tmp.resolve("data/tasks");
        Random random = new Random(11);
        List<String> passages = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            passages.add(BenchPrepareReferenceTest.words(random, 14 + random.nextInt(30)));
        }
        String[] categories = {"Summarization", "Question Answering", "Textual Entailment", "Sentiment Analysis", "Title Generation"};
        for (int t = 0; t < 24; t++) {
            BenchPrepareReferenceTest.writeTask(tasks, String.format(Locale.ROOT, "task%03d_generated", t), categories[t % categories.length],
                    "source_" + (t % 11), 30 + random.nextInt(300), random, passages);
        }
        return tasks;
    }

    /** Every file of a folder, by relative path, as its bytes' SHA-256. */
    private static Map<String, String> files(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(file).toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
