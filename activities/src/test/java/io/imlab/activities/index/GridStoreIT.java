package io.imlab.activities.index;

import io.imlab.activities.ArtifactServices;
import io.imlab.activities.bench.BenchActivitiesImpl;
import io.imlab.activities.cache.ArtifactCache;
import io.imlab.activities.store.ObjectStore;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.activities.store.S3Uri;
import io.imlab.activities.store.StoredObject;
import io.imlab.activities.store.embedded.EmbeddedS3Server;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.workflows.BenchBuildWorkflow;
import io.imlab.workflows.WorkflowTypes;
import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.BuildBenchInput;
import io.imlab.workflows.payload.GridRecord;
import io.imlab.workflows.payload.RunRecord;
import io.imlab.workflows.payload.RunStatus;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The run index, the artifact cache commands and S3 transient-error retries, against a real S3Proxy. */
class GridStoreIT {
    private static final String BUCKET = "imlab-grid-it";

    @TempDir
    static Path root;

    private static EmbeddedS3Server server;
    private static S3ObjectStore store;

    @BeforeAll
    static void startServer() {
        server = EmbeddedS3Server.start(root.resolve("s3"));
        store = new S3ObjectStore(server.s3Config(BUCKET), S3ObjectStore.MIN_PART_SIZE);
        store.ensureBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() {
        store.close();
        server.close();
    }

    @Test
    void theRunIndexListsGridsAndStandaloneRunsNewestFirst() {
        RunIndexActivitiesImpl early = new RunIndexActivitiesImpl(store, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        RunIndexActivitiesImpl late = new RunIndexActivitiesImpl(store, Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC));
        early.recordGrid(new GridRecord("g1", ExperimentSpec.defaults("g"), Map.of("seed=1", "g1/seed=1"), RunStatus.RUNNING,
                0, 0, 0, null, null, BUCKET));
        early.recordRun(new RunRecord("g1/seed=1", "g1/seed=1", "g1", "g-seed=1", RunStatus.RUNNING, null, null, BUCKET));
        late.recordRun(new RunRecord("solo", "solo", null, "solo", RunStatus.FAILED, null,
                "step train failed: bad config (ConfigurationError)", BUCKET));
        late.recordGrid(new GridRecord("g1", ExperimentSpec.defaults("g"), Map.of("seed=1", "g1/seed=1"), RunStatus.COMPLETED,
                1, 0, 0, "s3://" + BUCKET + "/grids/g1/report/", null, BUCKET));

        RunIndex index = new RunIndex(store);
        List<RunIndex.Entry> entries = index.list(BUCKET);
        assertThat(entries).extracting(RunIndex.Entry::kind, RunIndex.Entry::id, RunIndex.Entry::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("grid", "g1", "COMPLETED"),
                        org.assertj.core.groups.Tuple.tuple("run", "solo", "FAILED"));
        assertThat(index.run(BUCKET, "solo").orElseThrow().path("failure").asText()).contains("ConfigurationError");
        assertThat(index.grid(BUCKET, "g1").orElseThrow().path("cells").path("seed=1").asText()).isEqualTo("g1/seed=1");
    }

    @Test
    void aTransientS3ErrorIsRetriedAndTheCacheListsAndEvictsTheBench() {
        FlakyStore flaky = new FlakyStore(store, 2);
        ArtifactServices artifacts = ArtifactServices.over(flaky, root.resolve("work"));
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker("flaky");
            worker.registerWorkflowImplementationTypes(WorkflowTypes.implementations());
            worker.registerActivitiesImplementations(new BenchActivitiesImpl(artifacts));
            env.start();
            BenchSpec bench = new BenchSpec("mini", 7, 1, 40);
            ExperimentSpec spec = ExperimentSpec.defaults("flaky");
            BenchRef ref = env.getWorkflowClient().newWorkflowStub(BenchBuildWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue("flaky").setWorkflowId("bench/flaky").build())
                    .build(new BuildBenchInput("flaky", bench, spec.splits(), BUCKET));
            assertThat(flaky.failures.get()).isEqualTo(2);
            assertThat(ref.cached()).isFalse();
            assertThat(new ArtifactCache(store).list(BUCKET)).filteredOn(e -> e.hash().equals(ref.hash()))
                    .singleElement().satisfies(e -> {
                        assertThat(e.kind()).isEqualTo("benches");
                        assertThat(e.complete()).isTrue();
                        assertThat(e.createdBy()).isEqualTo("flaky");
                    });
        }
        List<ArtifactCache.Entry> evicted = new ArtifactCache(store).evict(BUCKET,
                new ArtifactCache(store).list(BUCKET).get(0).hash().substring(0, 12));
        assertThat(evicted).hasSize(1);
        assertThat(new ArtifactCache(store).list(BUCKET)).isEmpty();
    }

    /** Fails the first {@code failing} uploads like a flaky S3 endpoint (a 503), then passes everything through. */
    private static final class FlakyStore implements ObjectStore {
        private final ObjectStore delegate;
        private final AtomicInteger remaining;
        final AtomicInteger failures = new AtomicInteger();

        FlakyStore(ObjectStore delegate, int failing) {
            this.delegate = delegate;
            this.remaining = new AtomicInteger(failing);
        }

        private void maybeFail(S3Uri uri) {
            if (remaining.getAndDecrement() > 0) {
                failures.incrementAndGet();
                throw new io.imlab.activities.store.ObjectStoreException("503 SlowDown", uri, null);
            }
        }

        @Override public void ensureBucket(String bucket) { delegate.ensureBucket(bucket); }
        @Override public StoredObject putFile(Path file, S3Uri uri) { maybeFail(uri); return delegate.putFile(file, uri); }
        @Override public StoredObject putBytes(byte[] data, S3Uri uri) { maybeFail(uri); return delegate.putBytes(data, uri); }
        @Override public void getToFile(S3Uri uri, Path target) { delegate.getToFile(uri, target); }
        @Override public byte[] getBytes(S3Uri uri) { return delegate.getBytes(uri); }
        @Override public InputStream open(S3Uri uri) { return delegate.open(uri); }
        @Override public boolean exists(S3Uri uri) { return delegate.exists(uri); }
        @Override public long size(S3Uri uri) { return delegate.size(uri); }
        @Override public List<StoredObject> list(S3Uri prefix) { return delegate.list(prefix); }
        @Override public int deletePrefix(S3Uri prefix) { return delegate.deletePrefix(prefix); }
        @Override public void close() { }
    }
}
