package io.imlab.activities.training;

import io.imlab.activities.store.ArtifactDescription;
import io.imlab.activities.store.ArtifactManifest;
import io.imlab.activities.store.ArtifactPublisher;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.activities.store.S3Uri;
import io.imlab.activities.store.embedded.EmbeddedS3Server;
import io.imlab.cookbook.pack.PackedDatasetWriter;
import io.imlab.cookbook.pack.PackedSequence;
import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.cookbook.spec.TrainingSpec;
import io.imlab.cookbook.tokenize.ByteTokenizer;
import io.imlab.trainer.Checkpoint;
import io.imlab.trainer.Checkpoints;
import io.imlab.trainer.TrainingJob;
import io.imlab.trainer.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checkpoint upload throughput: a real checkpoint of the {@code small} preset (parameters, Adam moments,
 * trainer state; about 40 MB) published through {@link ArtifactPublisher} (SHA-256 of every file,
 * multipart upload of files above the part size, manifest last) to an in-process {@link EmbeddedS3Server},
 * against {@link Files#copy} of the same files to a local folder on the same disk, once as is (page cache)
 * and once followed by an fsync of each file. They alternate in each round of one JVM, so every round's
 * ratios compare figures taken seconds apart. The upload does not sync either (S3Proxy's filesystem
 * store writes through the page cache), and includes hashing each file and the manifest.
 *
 * <p>Opt-in: {@code -Dimlab.store.benchmark=true} ({@code -Dimlab.store.benchmark.rounds=N}, default 5).
 * Prints one JSON line per round and a summary; asserts only that every upload completed.
 */
class CheckpointUploadThroughputIT {
    private static final String BUCKET = "imlab-bench";
    private static final int LENGTH = 256;

    @TempDir
    Path work;

    @Test
    void uploadAgainstLocalCopy() throws IOException {
        assumeTrue(Boolean.getBoolean("imlab.store.benchmark"), "runs only with -Dimlab.store.benchmark=true");
        int rounds = Integer.getInteger("imlab.store.benchmark.rounds", 5);
        Path checkpoint = smallPresetCheckpoint();
        List<Path> files;
        try (Stream<Path> listing = Files.list(checkpoint)) {
            files = listing.sorted().toList();
        }
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        System.out.printf(Locale.ROOT, "{\"bench\":\"checkpoint-setup\",\"files\":%d,\"bytes\":%d,\"part_size\":%d}%n",
                files.size(), bytes, S3ObjectStore.DEFAULT_PART_SIZE);

        double[] uploadRates = new double[rounds];
        double[] copyRates = new double[rounds];
        double[] syncedRates = new double[rounds];
        try (EmbeddedS3Server server = EmbeddedS3Server.start(work.resolve("s3"));
             S3ObjectStore store = new S3ObjectStore(server.s3Config(BUCKET))) {
            store.ensureBucket(BUCKET);
            ArtifactPublisher publisher = new ArtifactPublisher(store);
            // Warm-up, not reported: the first upload also loads and compiles the S3 client's code paths.
            publisher.publish(checkpoint, S3Uri.parse("s3://" + BUCKET + "/checkpoints/warm-up/step-1/"),
                    description("warm-up"));
            for (int r = 0; r < rounds; r++) {
                Path copy = Files.createDirectories(work.resolve("copy-" + r));
                long started = System.nanoTime();
                for (Path file : files) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
                double copySeconds = (System.nanoTime() - started) / 1e9;
                // The same copy made durable (what a checkpoint on a pod's local volume would need).
                Path synced = Files.createDirectories(work.resolve("synced-" + r));
                started = System.nanoTime();
                for (Path file : files) {
                    Path target = synced.resolve(file.getFileName());
                    Files.copy(file, target);
                    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
                double syncedSeconds = (System.nanoTime() - started) / 1e9;

                S3Uri prefix = S3Uri.parse("s3://" + BUCKET + "/checkpoints/round-" + r + "/step-1/");
                started = System.nanoTime();
                ArtifactManifest manifest = publisher.publish(checkpoint, prefix, description("bench-" + r));
                double uploadSeconds = (System.nanoTime() - started) / 1e9;
                assertThat(manifest.totalSize()).isEqualTo(bytes);

                copyRates[r] = bytes / copySeconds / 1e6;
                syncedRates[r] = bytes / syncedSeconds / 1e6;
                uploadRates[r] = bytes / uploadSeconds / 1e6;
                System.out.printf(Locale.ROOT, "{\"bench\":\"checkpoint\",\"round\":%d,\"upload_mb_per_s\":%.1f,"
                                + "\"local_copy_mb_per_s\":%.1f,\"ratio\":%.3f,\"local_copy_fsync_mb_per_s\":%.1f,"
                                + "\"ratio_to_fsync\":%.3f}%n",
                        r + 1, uploadRates[r], copyRates[r], uploadRates[r] / copyRates[r], syncedRates[r],
                        uploadRates[r] / syncedRates[r]);
            }
        }
        double[] ratios = new double[rounds];
        double[] syncedRatios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = uploadRates[r] / copyRates[r];
            syncedRatios[r] = uploadRates[r] / syncedRates[r];
        }
        System.out.printf(Locale.ROOT, "{\"bench\":\"checkpoint-summary\",\"rounds\":%d,\"upload_mb_per_s\":%s,"
                        + "\"local_copy_mb_per_s\":%s,\"ratio\":%s,\"local_copy_fsync_mb_per_s\":%s,\"ratio_to_fsync\":%s}%n",
                rounds, range(uploadRates, "%.1f"), range(copyRates, "%.1f"), range(ratios, "%.3f"),
                range(syncedRates, "%.1f"), range(syncedRatios, "%.3f"));
    }

    private static ArtifactDescription description(String hash) {
        return new ArtifactDescription(Checkpoints.FORMAT, "checkpoint", hash, "CheckpointUploadThroughputIT", null, Map.of());
    }

    /** One training step of the small preset on a few byte sequences; returns its (final) checkpoint. */
    private Path smallPresetCheckpoint() {
        ByteTokenizer tokenizer = new ByteTokenizer();
        Path data = work.resolve("data");
        try (PackedDatasetWriter writer = new PackedDatasetWriter(data, LENGTH, tokenizer.vocabSize(),
                tokenizer.eosId(), tokenizer.padId(), tokenizer.id())) {
            for (int i = 0; i < 16; i++) {
                int[] tokens = new int[LENGTH];
                byte[] mask = new byte[LENGTH];
                int[] segments = new int[LENGTH];
                int[] text = tokenizer.encode("Task: copy the number.\nNumber: " + (1000 + 37 * i) + "\nAnswer: " + (1000 + 37 * i));
                Arrays.fill(tokens, tokenizer.padId());
                for (int t = 0; t < text.length; t++) {
                    tokens[t] = text[t];
                    segments[t] = 1;
                    mask[t] = (byte) (t >= text.length - 5 ? 1 : 0);
                }
                writer.write(new PackedSequence(tokens, mask, segments));
            }
        }
        TrainingJob job = new TrainingJob(data, work.resolve("checkpoints"), new ModelSpec("small", 0, 0, 0, 0.1),
                new TrainingSpec(1, 1, 4, 1e-3, 0, 1.0, 0));
        try (TrainingRun run = TrainingRun.start(job)) {
            Checkpoint last = run.run().lastCheckpoint().orElseThrow();
            return last.directory();
        }
    }

    private static String range(double[] values, String format) {
        double[] sorted = Arrays.stream(values).sorted().toArray();
        return String.format(Locale.ROOT, "{\"min\":" + format + ",\"median\":" + format + ",\"max\":" + format + "}",
                sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }
}
