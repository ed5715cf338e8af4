package io.imlab.activities.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imlab.activities.ArtifactServices;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.activities.store.S3Uri;
import io.imlab.activities.store.embedded.EmbeddedS3Server;
import io.imlab.cookbook.bench.BenchReader;
import io.imlab.cookbook.bench.BenchSummary;
import io.imlab.cookbook.spec.BenchCollectionsSpec;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.SplitSpec;
import io.imlab.cookbook.spec.SuperNaturalInstructionsSpec;
import io.imlab.cookbook.spec.TextPoolsSpec;
import io.imlab.cookbook.split.EvalSplit;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.workflows.BenchActivities;
import io.imlab.workflows.FailureTypes;
import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.BuildBenchInput;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The BuildBench activity on a real collection source (Super-NaturalInstructions task files), against S3Proxy. */
class BenchActivitiesIT {
    private static final String BUCKET = "imlab-bench-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path s3Root;
    private static EmbeddedS3Server server;
    private static S3ObjectStore s3;

    @TempDir
    Path tmp;
    private TestActivityEnvironment environment;
    private BenchActivities activities;
    private ArtifactServices artifacts;

    @BeforeAll
    static void startServer() {
        server = EmbeddedS3Server.start(s3Root);
        s3 = new S3ObjectStore(server.s3Config(BUCKET), S3ObjectStore.MIN_PART_SIZE);
        s3.ensureBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() {
        s3.close();
        server.close();
    }

    @BeforeEach
    void startEnvironment() {
        artifacts = ArtifactServices.over(s3, tmp.resolve("local"));
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(new BenchActivitiesImpl(artifacts));
        activities = environment.newActivityStub(BenchActivities.class);
    }

    @AfterEach
    void closeEnvironment() {
        environment.close();
    }

    private static void writeTask(Path dir, String name, String category, String source, int instances) throws IOException {
        ObjectNode task = JSON.createObjectNode();
        task.putArray("Source").add(source);
        task.putArray("Categories").add(category);
        task.putArray("Definition").add("Write the topic of the sentence about " + source + ".");
        task.putArray("Positive Examples");
        task.putArray("Negative Examples");
        ArrayNode list = task.putArray("Instances");
        for (int i = 0; i < instances; i++) {
            list.addObject().put("id", name + "-" + i).put("input", "Sentence " + i + " about " + source + " and item" + i + ".")
                    .putArray("output").add(source + i);
        }
        task.putArray("Instance License").add("Apache 2.0");
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(name + ".json").toFile(), task);
    }

    private BenchSpec collections(Path data) {
        return new BenchSpec(BenchSpec.COLLECTIONS, 1, 1, 1, data.toString(), new BenchCollectionsSpec(
                new SuperNaturalInstructionsSpec("tasks"), List.of(), List.of(), List.of(), false, TextPoolsSpec.none()),
                null, 100_000, Map.of());
    }

    private static final SplitSpec SPLIT = new SplitSpec(3, List.of("Textual Entailment"), List.of("Question Answering"), 1, 0.2,
            10, List.of(), 0.5, 0);

    @Test
    void buildsPublishesAndThenReusesACollectionsBench() throws IOException {
        Path data = tmp.resolve("data");
        writeTask(data.resolve("tasks"), "task001_qa_a", "Question Answering", "qa_a", 30);
        writeTask(data.resolve("tasks"), "task002_qa_b", "Question Answering", "qa_b", 30);
        writeTask(data.resolve("tasks"), "task003_te_a", "Textual Entailment", "te_a", 30);
        writeTask(data.resolve("tasks"), "task004_sum_a", "Summarization", "sum_a", 30);

        BenchRef built = activities.buildBench(new BuildBenchInput("it", collections(data), SPLIT, BUCKET));

        assertThat(built.cached()).isFalse();
        assertThat(built.uri()).isEqualTo("s3://" + BUCKET + "/benches/" + built.hash() + "/");
        assertThat(built.level1Tasks()).isEqualTo(1);
        assertThat(built.level2Tasks()).isEqualTo(1);
        assertThat(built.trainTasks()).isEqualTo(2);
        BenchReader reader = BenchReader.open(artifacts.fetcher().fetch(S3Uri.parse(built.uri())));
        BenchSummary summary = reader.summary();
        assertThat(summary.hash()).isEqualTo(built.hash());
        assertThat(summary.source()).isEqualTo(BenchSpec.COLLECTIONS);
        assertThat(summary.tasksByCollection()).containsOnlyKeys("supernatural");
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL1, EvalSplit.DEV)).allSatisfy(t -> assertThat(t.instances()).isEqualTo(10));
        assertThat(reader.readLeakageReport()).isPresent();

        BenchRef again = activities.buildBench(new BuildBenchInput("it", collections(data), SPLIT, BUCKET));
        assertThat(again.cached()).isTrue();
        assertThat(again.hash()).isEqualTo(built.hash());

        // the hash follows the bytes: one changed instance is another bench
        writeTask(data.resolve("tasks"), "task004_sum_a", "Summarization", "sum_a", 31);
        BenchRef changed = activities.buildBench(new BuildBenchInput("it", collections(data), SPLIT, BUCKET));
        assertThat(changed.cached()).isFalse();
        assertThat(changed.hash()).isNotEqualTo(built.hash());
    }

    @Test
    void badInputIsANonRetryableConfigurationErrorAndPublishesNothing() throws IOException {
        Path data = tmp.resolve("bad");
        writeTask(data.resolve("tasks"), "task001_qa_a", "Question Answering", "qa_a", 30);
        Files.writeString(data.resolve("tasks/task002_broken.json"), "{\"Definition\": [\"half a file\"");
        int before = s3.list(S3Uri.parse("s3://" + BUCKET + "/benches/")).size();

        ActivityFailure failure = catchThrowableOfType(ActivityFailure.class,
                () -> activities.buildBench(new BuildBenchInput("it", collections(data), SPLIT, BUCKET)));

        ApplicationFailure cause = (ApplicationFailure) failure.getCause();
        assertThat(cause.getType()).isEqualTo(FailureTypes.CONFIGURATION_ERROR);
        assertThat(cause.isNonRetryable()).isTrue();
        assertThat(cause.getOriginalMessage()).contains("task002_broken.json");
        assertThat(s3.list(S3Uri.parse("s3://" + BUCKET + "/benches/"))).hasSize(before);
    }

    @Test
    void aMissingInputFolderNamesItsField() {
        ActivityFailure failure = catchThrowableOfType(ActivityFailure.class,
                () -> activities.buildBench(new BuildBenchInput("it", collections(tmp.resolve("nowhere")), SPLIT, BUCKET)));

        ApplicationFailure cause = (ApplicationFailure) failure.getCause();
        assertThat(cause.getType()).isEqualTo(FailureTypes.CONFIGURATION_ERROR);
        assertThat(cause.getOriginalMessage()).contains("bench.collections.supernatural.tasks");
    }
}
