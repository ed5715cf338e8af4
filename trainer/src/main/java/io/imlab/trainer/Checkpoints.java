package io.imlab.trainer;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint format. A checkpoint is a folder {@code step-<N>/} holding
 * <ul>
 *   <li>{@value #PARAMETERS}: the model parameters in DJL's block format;</li>
 *   <li>{@value #OPTIMIZER}: Adam's first and second moments as a named {@link NDList};</li>
 *   <li>{@value #STATE}: a {@link TrainerState};</li>
 *   <li>{@value #COMPLETE}, written last: the SHA-256 of each file above. A folder without it is
 *       partial; a folder whose files differ from it is corrupt.</li>
 * </ul>
 */
public final class Checkpoints {
    public static final String FORMAT = "imlab-checkpoint-v1";
    public static final String PARAMETERS = "parameters.djl";
    public static final String OPTIMIZER = "optimizer.ndlist";
    public static final String STATE = "trainer_state.json";
    public static final String COMPLETE = "COMPLETE";
    private static final List<String> FILES = List.of(PARAMETERS, OPTIMIZER, STATE);
    private static final Pattern STEP_FOLDER = Pattern.compile("step-(\\d+)");
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    // Unknown fields are ignored so that a checkpoint stays readable when a spec record gains a field.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Checkpoints() {
    }

    /** The folder name of the checkpoint after {@code step} steps. */
    public static String folderName(int step) {
        return "step-" + step;
    }

    /**
     * Writes a checkpoint into {@code root/step-<state.step>}, replacing a partial folder of that name
     * left by an interrupted attempt, and writes the completion marker last.
     */
    public static Checkpoint write(Path root, Block model, AdamOptimizer optimizer, TrainerState state) {
        Path dir = root.resolve(folderName(state.step()));
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(dir.resolve(PARAMETERS)), 1 << 16))) {
                model.saveParameters(out);
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(OPTIMIZER)), 1 << 16)) {
                optimizer.state().encode(out);
            }
            JSON.writeValue(dir.resolve(STATE).toFile(), state);
            Map<String, String> digests = new LinkedHashMap<>();
            for (String file : FILES) {
                digests.put(file, sha256(dir.resolve(file)));
            }
            Marker marker = new Marker(FORMAT, state.step(), digests);
            Path temporary = dir.resolve(COMPLETE + ".tmp");
            JSON.writeValue(temporary.toFile(), marker);
            Files.move(temporary, dir.resolve(COMPLETE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir, e);
        }
        return new Checkpoint(dir, state.step());
    }

    /**
     * Checks that {@code dir} is a complete, uncorrupted checkpoint and reads its state.
     *
     * @throws CheckpointException when the marker is missing, a file is missing or differs from the
     *                             marker's digest, or the state cannot be read
     */
    public static TrainerState verify(Path dir) throws CheckpointException {
        Marker marker;
        try {
            marker = JSON.readValue(dir.resolve(COMPLETE).toFile(), Marker.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new CheckpointException(dir, "partial checkpoint: no " + COMPLETE + " marker", e);
        } catch (IOException e) {
            throw new CheckpointException(dir, "unreadable " + COMPLETE + " marker", e);
        }
        if (!FORMAT.equals(marker.format())) {
            throw new CheckpointException(dir, "unsupported checkpoint format " + marker.format());
        }
        for (String file : FILES) {
            String expected = marker.files().get(file);
            if (expected == null) {
                throw new CheckpointException(dir, COMPLETE + " lists no digest for " + file);
            }
            String actual;
            try {
                actual = sha256(dir.resolve(file));
            } catch (IOException e) {
                throw new CheckpointException(dir, "cannot read " + file, e);
            }
            if (!expected.equals(actual)) {
                throw new CheckpointException(dir, file + " is corrupt: sha256 " + actual + ", marker says " + expected);
            }
        }
        TrainerState state;
        try {
            state = JSON.readValue(dir.resolve(STATE).toFile(), TrainerState.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException(dir, "unreadable " + STATE, e);
        }
        if (state.step() != marker.step()) {
            throw new CheckpointException(dir, STATE + " is at step " + state.step() + ", the marker at " + marker.step());
        }
        return state;
    }

    /**
     * Loads the parameters of a verified checkpoint into {@code model} (built from the state's
     * {@link ModelConfig}); arrays are created on {@code manager}.
     *
     * @param trainable whether the loaded parameters should record gradients
     */
    public static void loadParameters(Path dir, Block model, NDManager manager, boolean trainable)
            throws CheckpointException {
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(Files.newInputStream(dir.resolve(PARAMETERS)), 1 << 16))) {
            model.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new CheckpointException(dir, "unreadable " + PARAMETERS + " for this model", e);
        }
        for (Parameter parameter : model.getParameters().values()) {
            parameter.freeze(!trainable);
        }
    }

    /** Reads the optimizer moments of a verified checkpoint onto {@code manager}. */
    public static NDList loadOptimizerState(Path dir, NDManager manager) throws CheckpointException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(OPTIMIZER)), 1 << 16)) {
            return NDList.decode(manager, in);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(dir, "unreadable " + OPTIMIZER, e);
        }
    }

    /**
     * The newest checkpoint under {@code root} that is complete and uncorrupted, skipping partial or
     * corrupt {@code step-*} folders; empty when there is none (or {@code root} does not exist).
     */
    public static Optional<Checkpoint> newestComplete(Path root) {
        for (Checkpoint candidate : stepFolders(root)) {
            try {
                verify(candidate.directory());
                return Optional.of(candidate);
            } catch (CheckpointException e) {
                // Partial or corrupt: fall back to an older one.
                LOG.warn("skipping checkpoint: {}", e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code step-<N>} folders under {@code root}, newest first, without checking them; empty when
     * {@code root} does not exist.
     */
    public static List<Checkpoint> stepFolders(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children
                    .filter(Files::isDirectory)
                    .flatMap(dir -> {
                        Matcher matcher = STEP_FOLDER.matcher(dir.getFileName().toString());
                        return matcher.matches()
                                ? Stream.of(new Checkpoint(dir, Integer.parseInt(matcher.group(1))))
                                : Stream.empty();
                    })
                    .sorted(Comparator.comparingInt(Checkpoint::step).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + root, e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Contents of the {@value #COMPLETE} marker. */
    record Marker(String format, int step, Map<String, String> files) {
    }
}
