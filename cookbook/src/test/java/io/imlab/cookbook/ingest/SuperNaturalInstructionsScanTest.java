package io.imlab.cookbook.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imlab.cookbook.leakage.NgramHasher;
import io.imlab.cookbook.leakage.NgramOverlapChecker;
import io.imlab.cookbook.leakage.TaskNgrams;
import io.imlab.cookbook.split.TaskOutline;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.taxonomy.CategoryResolver;
import io.imlab.cookbook.taxonomy.Taxonomy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SuperNaturalInstructionsReader#scan} (the first pass of a two-pass build: hashes from the parser's buffer, no
 * instance strings) against {@link SuperNaturalInstructionsReader#read} on every file: the same problem for a bad
 * file (message with file, JSON pointer and line), and for a good one the outline and n-gram hashes of the task that
 * {@code read} returns.
 */
class SuperNaturalInstructionsScanTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest/superni");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void scanReportsAndOutlinesEveryFixtureAsTheFullReadDoes() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(FIXTURES)) {
            files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(8);
        files.forEach(SuperNaturalInstructionsScanTest::assertScanMatchesRead);
    }

    @Test
    void scanReportsEveryBadInstanceAsTheFullReadDoes() throws IOException {
        Map<String, String> instances = new LinkedHashMap<>();
        instances.put("not-an-object", "[{\"id\": \"a\", \"input\": \"x\", \"output\": [\"y\"]}, 3]");
        instances.put("id-not-a-string", "[{\"id\": 7, \"input\": \"x\", \"output\": [\"y\"]}]");
        instances.put("input-not-a-string", "[{\"id\": \"a\", \"input\": [\"x\"], \"output\": [\"y\"]}]");
        instances.put("output-a-number", "[{\"id\": \"a\", \"input\": \"x\", \"output\": 5}]");
        instances.put("output-list-with-a-number", "[{\"id\": \"a\", \"input\": \"x\", \"output\": [\"y\", 5]}]");
        instances.put("missing-input", "[{\"id\": \"a\", \"input\": \"x\", \"output\": [\"y\"]},\n {\"id\": \"b\", \"output\": [\"y\"]}]");
        instances.put("empty-output", "[{\"id\": \"a\", \"input\": \"x\", \"output\": []}]");
        instances.put("missing-output", "[{\"id\": \"a\", \"input\": \"x\"}]");
        instances.put("duplicate-id", "[{\"id\": \"a\", \"input\": \"x\", \"output\": [\"y\"]},\n {\"id\": \"a\", \"input\": \"z\", \"output\": [\"y\"]}]");
        instances.put("implicit-id-clash", "[{\"input\": \"x\", \"output\": [\"y\"]},\n {\"id\": \"instance-0\", \"input\": \"z\", \"output\": [\"y\"]}]");
        // a duplicate id before a later problem: the full read stops at the first, so must the scan
        instances.put("duplicate-then-bad", "[{\"id\": \"a\", \"input\": \"x\", \"output\": [\"y\"]},\n {\"id\": \"a\", \"input\": \"z\", \"output\": [\"y\"]},\n {\"id\": \"c\", \"output\": [\"y\"]}]");
        instances.put("bad-after-output-first", "[{\"id\": \"a\", \"output\": [\"y\"], \"input\": \"x\"},\n {\"id\": \"c\", \"input\": 4, \"output\": [\"y\"]}]");
        instances.put("invalid-json", "[{\"id\": \"a\", \"input\": \"x\", \"output\": [\"y\"] \"z\"}]");
        instances.put("bad-escape", "[{\"id\": \"a\", \"input\": \"x\\q\", \"output\": [\"y\"]}]");
        // well-formed, off the scan's usual shape: it leaves them to the full read, with the same outcome
        instances.put("output-before-input", "[{\"output\": [\"so the answer is yes\"], \"id\": \"a\", \"input\": \"is the sky blue on a clear day at noon in summer, really?\"}]");
        instances.put("input-twice", "[{\"id\": \"a\", \"input\": \"first\", \"input\": \"second input wins in the full read\", \"output\": \"y\"}]");
        instances.put("single-string-output", "[{\"id\": \"a\", \"input\": \"one two three four five six seven\", \"output\": \"eight nine ten eleven twelve thirteen\"}]");
        instances.put("no-instances", "[]");
        instances.put("extra-fields", "[{\"id\": \"a\", \"meta\": {\"k\": [1, 2, {\"n\": null}]}, \"input\": \"x\", \"output\": [\"y\"], \"more\": 1.5}]");
        for (Map.Entry<String, String> instance : instances.entrySet()) {
            String text = "{\"Definition\": [\"Do it.\"], \"Source\": [\"src\"], \"Categories\": [\"Question Answering\"],\n"
                    + "\"Instances\": " + instance.getValue() + "}";
            Path file = tmp.resolve(instance.getKey()).resolve("task9200_" + instance.getKey().replace('-', '_') + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            assertScanMatchesRead(file);
        }
    }

    @Test
    void scanHashesNonAsciiLongAndEscapedTextAsTheFullRead() throws IOException {
        ObjectNode task = JSON.createObjectNode();
        task.putArray("Source").add("src");
        task.putArray("Categories").add("Summarization");
        task.putArray("Definition").add("Summarize.");
        ArrayNode list = task.putArray("Instances");
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            longText.append("Wort").append(i % 97).append(i % 5 == 0 ? " Ärzte über naïve café, " : " \"quoted\"\t\\ ");
        }
        for (int i = 0; i < 50; i++) {
            list.addObject().put("id", "i" + i).put("input", i % 2 == 0 ? longText.substring(i * 100) : "kurz " + i + " 😀 €")
                    .putArray("output").add("Ausgabe " + i + " mit \u00e9t\u00e9 und \u4e2d\u6587 " + longText.substring(0, 300 + i));
        }
        Path file = tmp.resolve("task9300_long.json");
        JSON.writeValue(file.toFile(), task);
        assertScanMatchesRead(file);
    }

    @Test
    void scanOutlinesAndHashesTheSharedTasksAsTheFullRead() {
        Path tasks = SharedData.require("supernatural", "tasks");
        List<Path> files = SuperNaturalInstructionsReader.taskFiles(tasks);
        assertThat(files).hasSize(120);
        files.forEach(SuperNaturalInstructionsScanTest::assertScanMatchesRead);
    }

    private static void assertScanMatchesRead(Path file) {
        SuperNaturalInstructionsReader reader = new SuperNaturalInstructionsReader(new CategoryResolver(Taxonomy.load()));
        NgramHasher hasher = new NgramHasher(NgramOverlapChecker.DEFAULT_NGRAM);
        Object expected;
        Task task = null;
        try {
            task = reader.read(file);
            expected = null;
        } catch (IngestException e) {
            expected = e.getMessage();
        }
        Object actual = null;
        TaskOutline outline = null;
        TaskNgrams ngrams = null;
        try {
            SuperNaturalInstructionsReader.Scanned scanned = reader.scan(file, hasher);
            outline = reader.outline(scanned);
            ngrams = scanned.ngrams();
        } catch (IngestException e) {
            actual = e.getMessage();
        }
        assertThat(actual).as(file.toString()).isEqualTo(expected);
        if (task == null) {
            return;
        }
        TaskOutline reference = TaskOutline.of(task);
        assertThat(outline.name()).isEqualTo(reference.name());
        assertThat(outline.category()).isEqualTo(reference.category());
        assertThat(outline.dataSource()).isEqualTo(reference.dataSource());
        assertThat(outline.collection()).isEqualTo(reference.collection());
        assertThat(outline.inputHashes()).as(file.toString()).isEqualTo(reference.inputHashes());
        assertThat(outline.inputKeys()).as(file.toString()).isEqualTo(reference.inputKeys());
        TaskNgrams referenceNgrams = TaskNgrams.of(task, new NgramHasher(NgramOverlapChecker.DEFAULT_NGRAM));
        assertThat(ngrams.instanceCount()).isEqualTo(task.instances().size());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < task.instances().size(); i++) {
            if (!java.util.Arrays.equals(ngrams.hashesOf(i), referenceNgrams.hashesOf(i))) {
                mismatches.add(task.instances().get(i).id());
            }
        }
        assertThat(mismatches).as(file + ": instances whose n-gram hashes differ").isEmpty();
    }
}
