package io.imlab.cookbook.bench;

import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.SplitSpec;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.split.SplitResult;
import io.imlab.cookbook.split.ThreeLevelSplitter;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchWriterReaderTest {
    private static Bench bench;
    private static SplitResult split;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildSmallBench() {
        bench = new MiniBenchGenerator().generate(new BenchSpec("mini", 3, 2, 60));
        split = new ThreeLevelSplitter().split(bench.tasks(), new SplitSpec(3, List.of("Word Analogy"),
                List.of("Summarization", "Question Answering"), 1, 0.2, 10));
    }

    @Test
    void roundTripGivesBackEveryTaskAndPool() throws IOException {
        Path dir = tmp.resolve("bench");
        BenchSummary written = new BenchWriter().write(dir, bench, split);
        BenchReader reader = BenchReader.open(dir);

        assertThat(reader.summary()).isEqualTo(written);
        assertThat(reader.summary().name()).isEqualTo(MiniBenchGenerator.NAME);
        assertThat(reader.readTrainTasks().toList()).containsExactlyInAnyOrderElementsOf(split.trainTasks());
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            assertThat(reader.readEvalTasks(level).toList()).as(level.id()).containsExactlyInAnyOrderElementsOf(split.evalTasks(level));
            assertThat(reader.summary().evalTasks(level)).hasSize(split.evalTaskCount(level));
        }
        for (PoolKind kind : PoolKind.values()) {
            assertThat(reader.readPool(kind)).isEqualTo(bench.pool(kind));
        }
        assertThat(reader.summary().excluded()).isEqualTo(split.excludedTasks());
        assertThat(reader.summary().instanceCount("train")).isEqualTo(split.trainInstanceCount());
        assertThat(reader.summary().tasksByCategory().get("Word Analogy")).containsOnlyKeys("level1");
        assertThat(dir.resolve("train/supernatural_parity.jsonl.gz")).exists();
        assertThat(dir.resolve("eval/level3/dev/supernatural_parity.jsonl.gz")).exists();
        assertThat(dir.resolve("pools/cot.jsonl.gz")).exists();
        assertThat(Files.readString(dir.resolve("bench.json"))).contains("\"byCollection\"", "\"byCategory\"", "\"byPart\"");
    }

    @Test
    void readsTasksLazilyOneFileAtATime() throws IOException {
        Path dir = tmp.resolve("bench");
        new BenchWriter().write(dir, bench, split);
        BenchReader reader = BenchReader.open(dir);
        // a file deleted after opening fails only when the stream reaches it: nothing was read up front
        BenchTaskEntry last = reader.summary().trainTasks().get(reader.summary().trainTasks().size() - 1);
        Files.delete(dir.resolve(last.file()));
        try (Stream<Task> tasks = reader.readTrainTasks()) {
            assertThat(tasks.limit(2).toList()).hasSize(2);
        }
        assertThatThrownBy(() -> reader.readTrainTasks().toList()).hasMessageContaining(last.file());
    }

    @Test
    void twoWritesAreByteIdentical() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        new BenchWriter().write(a, bench, split);
        new BenchWriter().write(b, new MiniBenchGenerator().generate(new BenchSpec("mini", 3, 2, 60)), split);
        List<Path> filesA = files(a);
        assertThat(filesA.stream().map(a::relativize).toList()).isEqualTo(files(b).stream().map(b::relativize).toList());
        for (Path file : filesA) {
            assertThat(Files.readAllBytes(b.resolve(a.relativize(file)))).as(a.relativize(file).toString()).isEqualTo(Files.readAllBytes(file));
        }
        byte[] gzip = Files.readAllBytes(a.resolve("pools/cot.jsonl.gz"));
        // bytes 4-7 of a gzip header are the modification time: zero keeps the output reproducible
        assertThat(new byte[]{gzip[4], gzip[5], gzip[6], gzip[7]}).containsOnly(0);
    }

    @Test
    void refusesAFolderWithoutBenchJson() throws IOException {
        Path dir = tmp.resolve("bench");
        new BenchWriter().write(dir, bench, split);
        Files.delete(dir.resolve(BenchWriter.SUMMARY_FILE));
        assertThatThrownBy(() -> BenchReader.open(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no bench.json")
                .hasMessageContaining("incomplete");
    }

    @Test
    void refusesToWriteIntoANonEmptyFolder() throws IOException {
        Path dir = tmp.resolve("bench");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("leftover.txt"), "x");
        assertThatThrownBy(() -> new BenchWriter().write(dir, bench, split))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not empty");
    }

    @Test
    void taskNamesCannotEscapeTheirFolder() {
        assertThat(BenchWriter.fileStem("flan_parity")).isEqualTo("flan_parity");
        for (String name : List.of("../../etc/passwd", "a/b", "..", "x\\y", "")) {
            String stem = BenchWriter.fileStem(name);
            assertThat(stem).as(name).doesNotContain("/", "\\", "..").isNotEmpty();
        }
        assertThat(BenchWriter.fileStem("a/b")).isNotEqualTo(BenchWriter.fileStem("a_b"));

        Task evil = new Task("../evil", "flan", "X", "s", InstructionStyle.KEYWORD, "q?", List.of(), List.of(), List.of(),
                MetricKind.EXACT_MATCH, List.of(new Instance("0", "in", List.of("out"), List.of())), Map.of());
        Path dir = tmp.resolve("bench");
        new BenchWriter().write(dir, "evil", new SplitResult(List.of(evil), Map.of(), List.of()), Map.of(PoolKind.COT, List.of(new TextExample("q", "a"))));
        assertThat(tmp.resolve("evil.jsonl.gz")).doesNotExist();
        BenchReader reader = BenchReader.open(dir);
        assertThat(reader.summary().trainTasks().get(0).file()).startsWith("train/").doesNotContain("..");
        assertThat(reader.readTrainTasks().toList()).containsExactly(evil);
        assertThat(reader.readPool(PoolKind.DIALOGUE)).isEmpty();
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
