package io.imlab.activities.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imlab.activities.metrics.ImlabMetrics;
import io.imlab.activities.training.TrainerEnvironment;
import io.imlab.workflows.metrics.MetricCatalogue;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real child JVMs running {@link FakeTrainerMain}. */
class LocalProcessLauncherIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final LocalProcessLauncher launcher = new LocalProcessLauncher(List.of("-Xmx64m", "-Xshare:auto"));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"0, SUCCEEDED, false", "2, CONFIGURATION_ERROR, false", "3, FAILED, true"})
    void classifiesExitCodesAndSplitsProgressFromLog(int exitCode, JobStatus status, boolean retryable)
            throws InterruptedException, IOException {
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        Path workingDir = tmp.resolve("job");
        TrainingJobSpec spec = TrainingJobSpec.local("fake-" + exitCode, FakeTrainerMain.class.getName(),
                List.of("exit", Integer.toString(exitCode), "two words; $(not a shell)"),
                Map.of("IMLAB_FAKE_VALUE", "from-env"), workingDir);

        JobHandle handle = launcher.launch(spec, events::add);
        JobOutcome outcome = handle.waitFor(TIMEOUT).orElseThrow();

        assertThat(outcome.status()).isEqualTo(status);
        assertThat(outcome.exitCode()).isEqualTo(exitCode);
        assertThat(handle.exitCode()).hasValue(exitCode);
        assertThat(outcome.retryable()).isEqualTo(retryable);
        assertThat(outcome.succeeded()).isEqualTo(exitCode == 0);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).longValue("step")).hasValue(1);
        assertThat(events.get(0).doubleValue("loss")).hasValue(2.5);
        assertThat(events.get(1).text("env")).hasValue("from-env");
        assertThat(events.get(1).text("cwd")).hasValue(workingDir.toAbsolutePath().toString());
        assertThat(events.get(1).text("arg")).hasValue("two words; $(not a shell)");
        assertThat(outcome.logTail()).containsExactlyInAnyOrder(
                "plain text from the trainer", "{not json", "stderr says exit " + exitCode);
        assertThat(outcome.logFile()).isEqualTo(workingDir.toAbsolutePath().resolve("fake-" + exitCode + ".log"));
        assertThat(Files.readAllLines(outcome.logFile())).containsExactlyInAnyOrderElementsOf(outcome.logTail());
        assertThat(outcome.describe()).contains("exit code " + exitCode, "stderr says exit " + exitCode);
    }

    @Test
    void logTailKeepsOnlyTheLastLines() throws InterruptedException {
        LocalProcessLauncher shortTail = new LocalProcessLauncher(LocalProcessLauncher.currentJavaBinary(),
                System.getProperty("java.class.path"), List.of("-Xmx64m"), 2, Duration.ofSeconds(5));
        JobOutcome outcome = shortTail.launch(TrainingJobSpec.local("tail", FakeTrainerMain.class.getName(),
                List.of("exit", "0", "x"), Map.of(), tmp), ProgressListener.NONE).await();
        assertThat(outcome.logTail()).hasSize(2);
    }

    @Test
    void eachLaunchReportsItsWaitUntilTheProcessStartedUnderTheLocalLauncherTag() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LocalProcessLauncher measured = new LocalProcessLauncher(List.of("-Xmx64m"), new ImlabMetrics(registry));
        // Built, the launcher has registered its series at zero: the panels show 0, not "no data".
        Timer waits = registry.get(MetricCatalogue.POD_PENDING.name())
                .tag("launcher", LocalProcessLauncher.PENDING_LAUNCHER).timer();
        assertThat(waits.count()).isZero();

        Instant requested = Instant.now();
        JobHandle handle = measured.launch(TrainingJobSpec.local("measured", FakeTrainerMain.class.getName(),
                List.of("exit", "0", "x"), Map.of(), tmp), ProgressListener.NONE);
        Duration launchCall = Duration.between(requested, Instant.now());
        assertThat(handle.waitFor(TIMEOUT).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);

        System.out.printf("LocalProcessLauncherIT: local pending %.3f ms (launch call %d ms)%n",
                waits.totalTime(TimeUnit.NANOSECONDS) / 1e6, launchCall.toMillis());
        assertThat(waits.count()).isEqualTo(1);
        // Within the launch call; the wait is kept in whole milliseconds, hence the 1 ms of slack.
        assertThat(waits.totalTime(TimeUnit.NANOSECONDS)).isBetween(0.0, (double) launchCall.plusMillis(1).toNanos());
        assertThat(registry.find(MetricCatalogue.POD_PENDING.name()).timers()).singleElement()
                .satisfies(timer -> assertThat(timer.getId().getTag("launcher")).isEqualTo("local"));
        assertThat(registry.get(MetricCatalogue.PODS_PENDING.name()).gauge().value()).isZero();
        assertThat(registry.get(MetricCatalogue.POD_PENDING_OLDEST.name()).gauge().value()).isZero();
    }

    @Test
    void aProcessThatCannotStartEndsItsWaitToo() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LocalProcessLauncher broken = new LocalProcessLauncher(tmp.resolve("no-such-java").toString(),
                System.getProperty("java.class.path"), List.of(), 2, Duration.ofSeconds(5), new ImlabMetrics(registry));

        assertThatThrownBy(() -> broken.launch(TrainingJobSpec.local("never", FakeTrainerMain.class.getName(),
                List.of(), Map.of(), tmp), ProgressListener.NONE)).isInstanceOf(JobLaunchException.class);

        assertThat(registry.get(MetricCatalogue.POD_PENDING.name()).timer().count()).isEqualTo(1);
        assertThat(registry.get(MetricCatalogue.PODS_PENDING.name()).gauge().value()).isZero();
    }

    @Test
    void cancelKillsTheChildAndItsDescendants() throws InterruptedException {
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        JobHandle handle = launcher.launch(TrainingJobSpec.local("hang", FakeTrainerMain.class.getName(),
                List.of("hang"), Map.of(), tmp), events::add);
        await().atMost(TIMEOUT).until(() -> !events.isEmpty());
        long grandchild = events.get(0).longValue("grandchild").orElseThrow();
        assertThat(ProcessHandle.of(grandchild)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(handle.waitFor(Duration.ofMillis(50))).isEmpty();
        assertThat(handle.exitCode()).isEmpty();

        handle.cancel();

        JobOutcome outcome = handle.waitFor(TIMEOUT).orElseThrow();
        assertThat(outcome.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(outcome.retryable()).isFalse();
        await().atMost(TIMEOUT).until(() -> ProcessHandle.of(grandchild).map(p -> !p.isAlive()).orElse(true));
        handle.cancel();
    }

    @Test
    void aFailingListenerStopsTheJobAndIsRethrown() {
        JobHandle handle = launcher.launch(TrainingJobSpec.local("listener-fails", FakeTrainerMain.class.getName(),
                List.of("hang"), Map.of(), tmp), event -> {
                    throw new IllegalStateException("activity cancelled");
                });
        assertThatThrownBy(() -> handle.waitFor(TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("activity cancelled");
        assertThat(handle.exitCode()).isPresent();
    }

    @Test
    void unknownMainClassIsARetryableFailureWithTheErrorInTheTail() throws InterruptedException {
        JobOutcome outcome = launcher.launch(TrainingJobSpec.local("no-class", "io.imlab.NoSuchMain",
                List.of(), Map.of(), tmp), ProgressListener.NONE).await();
        assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
        assertThat(outcome.describe()).contains("io.imlab.NoSuchMain");
    }

    @Test
    void aChildWatchingItsParentExitsRetryablyWhenTheParentIsKilled() throws Exception {
        // The launcher names this JVM as the parent; a stand-in parent that the test can kill takes its place.
        Process parent = new ProcessBuilder("sleep", "300").start();
        try {
            List<ProgressEvent> events = new CopyOnWriteArrayList<>();
            JobHandle handle = launcher.launch(TrainingJobSpec.local("orphan", FakeTrainerMain.class.getName(),
                    List.of("watch-parent"), Map.of(LocalProcessLauncher.PARENT_PID_VARIABLE,
                            Long.toString(parent.pid())), tmp), events::add);
            await().atMost(TIMEOUT).until(() -> !events.isEmpty());
            assertThat(handle.waitFor(Duration.ofMillis(300))).as("alive while its parent is").isEmpty();

            parent.destroyForcibly();

            JobOutcome outcome = handle.waitFor(TIMEOUT).orElseThrow();
            assertThat(outcome.exitCode()).isEqualTo(TrainerEnvironment.EXIT_PARENT_GONE);
            assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
            assertThat(outcome.retryable()).isTrue();
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void theChildIsToldThisProcessIsItsParent() throws InterruptedException {
        JobHandle handle = launcher.launch(TrainingJobSpec.local("own-parent", FakeTrainerMain.class.getName(),
                List.of("watch-parent"), Map.of(), tmp), ProgressListener.NONE);
        // This JVM lives on, so the watching child does too, until cancelled.
        assertThat(handle.waitFor(Duration.ofSeconds(2))).isEmpty();
        handle.cancel();
        assertThat(handle.waitFor(TIMEOUT).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }
}
