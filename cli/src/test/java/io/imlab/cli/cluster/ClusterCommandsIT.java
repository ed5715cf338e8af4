package io.imlab.cli.cluster;

import io.imlab.activities.index.RunIndex;
import io.imlab.activities.index.RunIndexActivitiesImpl;
import io.imlab.activities.store.S3Config;
import io.imlab.cli.Main;
import io.imlab.cli.runtime.EmbeddedRuntime;
import io.imlab.cli.runtime.EmbeddedRuntimeOptions;
import io.imlab.cli.runtime.TinySpecs;
import io.imlab.workflows.TaskQueues;
import io.imlab.workflows.WorkflowTypes;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code imlab submit}, {@code status} and {@code cache} against a Temporal server and S3 reached over the
 * network (the embedded ones), with fast fake step activities and the real orchestration.
 */
class ClusterCommandsIT {
    @TempDir
    static Path state;

    private static EmbeddedRuntime runtime;
    private static final FastFakeActivities FAKES = new FastFakeActivities();

    @BeforeAll
    static void startRuntime() {
        runtime = EmbeddedRuntime.start(new EmbeddedRuntimeOptions(state.resolve("s3"), "imlab"));
        Worker worker = runtime.newWorker(TaskQueues.EXPERIMENTS);
        worker.registerWorkflowImplementationTypes(WorkflowTypes.implementations());
        WorkflowTypes.orchestrationActivities().forEach(worker::registerActivitiesImplementations);
        worker.registerActivitiesImplementations(FAKES, new RunIndexActivitiesImpl(runtime.objectStore()));
        runtime.startWorkers();
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    @Test
    void aSubmittedGridRunsAndStatusShowsItsCells() throws Exception {
        Path spec = Files.writeString(state.resolve("grid.yaml"), TinySpecs.grid("cluster"));
        Result submitted = imlab("submit", spec.toString());
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        String gridId = submitted.lastLine();
        assertThat(gridId).startsWith("cluster-");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                new RunIndex(runtime.objectStore()).grid("imlab", gridId)
                        .map(g -> g.path("status").asText()).orElse("").equals("COMPLETED"));
        Result status = imlab("status", gridId);
        assertThat(status.out()).contains("grid " + gridId + "  COMPLETED: 2 cells, 2 completed, 0 failed, 0 cancelled")
                .contains("cotShare=0 ").contains("cotShare=0.04 ");
        Result list = imlab("status");
        assertThat(list.out()).contains("grid  " + gridId).contains("COMPLETED");

        // Submitting the same spec again attaches to the same grid: nothing runs twice.
        assertThat(imlab("submit", spec.toString()).lastLine()).isEqualTo(gridId);
        assertThat(FAKES.trainedRuns).filteredOn(r -> r.startsWith(gridId + "/")).hasSize(2);
    }

    @Test
    void aConfigurationErrorFailsFastAndStatusShowsTheReason() throws Exception {
        Path spec = Files.writeString(state.resolve("broken.yaml"),
                TinySpecs.experiment("broken").replace("heldOutCategories: [Word Analogy, Cause Effect Classification]",
                        "heldOutCategories: [Astrology]"));
        Result submitted = imlab("submit", spec.toString());
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        String runId = submitted.lastLine();
        // Not retried: the run fails within seconds, not after the step's backoffs.
        await().atMost(Duration.ofSeconds(15)).until(() -> new RunIndex(runtime.objectStore()).run("imlab", runId)
                .map(r -> r.path("status").asText()).orElse("").equals("FAILED"));
        Result status = imlab("status", runId);
        assertThat(status.out()).contains("run " + runId + "  FAILED")
                .contains("step buildBench failed:").contains("unknown category 'Astrology'");
    }

    @Test
    void cacheListShowsNoBenchesWhenOnlyFakesRan() {
        Result list = imlab("cache", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("KIND");
        assertThat(imlab("cache", "evict", "abc").exit()).isEqualTo(Main.EXIT_CONFIGURATION_ERROR);
    }

    private record Result(int exit, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    private static Result imlab(String... args) {
        S3Config s3 = runtime.s3Config();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--temporal-address", runtime.temporalTarget(), "--s3-endpoint", s3.endpoint(),
                "--s3-access-key", s3.accessKey(), "--s3-secret-key", s3.secretKey(), "--s3-region", s3.region(),
                "--bucket", "imlab"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new Main()).execute(all.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
