package io.imlab.activities.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a training job as a child JVM on this machine: {@code java [jvmOptions] -cp <classpath> <mainClass>
 * <args>}, with the same Java binary and (by default) the same classpath as this JVM. No shell is involved:
 * arguments go to the process as they are.
 *
 * <p>Each stdout line that is a JSON object is handed to the {@link ProgressListener}; every other stdout
 * line and all of stderr go to {@code <workingDir>/<jobName>.log}, and the last lines are kept for the
 * {@link JobOutcome}. {@link JobHandle#cancel()} stops the child and all its descendants.
 *
 * <p>A job is pending (launcher {@value #PENDING_LAUNCHER} of the {@link PodPendingListener}) from the launch
 * request until its process has started; that takes milliseconds, and is measured all the same, so the pod queue
 * wait panels of a local worker show the truth rather than nothing.
 */
public final class LocalProcessLauncher implements Launcher {

    /** Lines of log kept in {@link JobOutcome#logTail()}. */
    public static final int DEFAULT_TAIL_LINES = 40;
    /** How long a cancelled job gets to exit after SIGTERM before it is killed. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);

    /** The {@code launcher} tag of this launcher's pending-pod metrics. */
    public static final String PENDING_LAUNCHER = "local";

    /** Environment variable holding this process's id in the child ({@code IMLAB_PARENT_PID}). */
    public static final String PARENT_PID_VARIABLE = "IMLAB_PARENT_PID";

    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessLauncher.class);

    private final String javaBinary;
    private final String classpath;
    private final List<String> jvmOptions;
    private final int tailLines;
    private final Duration killGrace;
    private final PodPendingListener pending;
    private final AtomicLong launches = new AtomicLong();

    /**
     * A launcher for this JVM's Java binary and classpath.
     *
     * @param jvmOptions options placed before {@code -cp}, e.g. {@code -Xmx2g}, {@code -Dai.djl.offline=true}
     */
    public LocalProcessLauncher(List<String> jvmOptions) {
        this(jvmOptions, PodPendingListener.NONE);
    }

    /**
     * A launcher for this JVM's Java binary and classpath that reports how long each job waits to start.
     *
     * @param jvmOptions options placed before {@code -cp}
     * @param pending    hears each job's pending period (e.g. {@code ImlabMetrics})
     */
    public LocalProcessLauncher(List<String> jvmOptions, PodPendingListener pending) {
        this(currentJavaBinary(), System.getProperty("java.class.path"), jvmOptions, DEFAULT_TAIL_LINES,
                DEFAULT_KILL_GRACE, pending);
    }

    /**
     * @param javaBinary path of the {@code java} executable
     * @param classpath  classpath of the child; relative entries are made absolute against this JVM's working
     *                   directory, since the child runs in the job's working directory
     * @param jvmOptions options placed before {@code -cp}
     * @param tailLines  lines of log kept for the outcome
     * @param killGrace  time between SIGTERM and SIGKILL on cancel
     */
    public LocalProcessLauncher(
            String javaBinary, String classpath, List<String> jvmOptions, int tailLines, Duration killGrace) {
        this(javaBinary, classpath, jvmOptions, tailLines, killGrace, PodPendingListener.NONE);
    }

    /**
     * As {@link #LocalProcessLauncher(String, String, List, int, Duration)}, reporting each job's pending period to
     * {@code pending}.
     */
    public LocalProcessLauncher(String javaBinary, String classpath, List<String> jvmOptions, int tailLines,
            Duration killGrace, PodPendingListener pending) {
        this.javaBinary = Objects.requireNonNull(javaBinary, "javaBinary");
        this.classpath = absoluteClasspath(Objects.requireNonNull(classpath, "classpath"));
        this.jvmOptions = List.copyOf(jvmOptions);
        if (tailLines < 1) {
            throw new IllegalArgumentException("tailLines: must be >= 1, was " + tailLines);
        }
        this.tailLines = tailLines;
        this.killGrace = Objects.requireNonNull(killGrace, "killGrace");
        this.pending = Objects.requireNonNull(pending, "pending");
        pending.launcherReady(PENDING_LAUNCHER);
    }

    /** The {@code java} executable running this JVM. */
    public static String currentJavaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Override
    public JobHandle launch(TrainingJobSpec spec, ProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        // The launch request is the local "pod creation".
        Instant requested = Instant.now();
        Path workingDir = spec.workingDir().toAbsolutePath();
        Path logFile = workingDir.resolve(spec.jobName() + ".log");
        List<String> command = command(spec);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        // The trainer exits when this process dies (TrainerPod): a child survives its parent's SIGKILL and would
        // otherwise train on next to the attempt retried elsewhere. A spec may name another parent.
        builder.environment().put(PARENT_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        builder.environment().putAll(spec.env());
        // A retried attempt may start while the earlier one still exits: each launch is its own wait.
        String waitKey = spec.jobName() + "#" + launches.incrementAndGet();
        pending.podPending(PENDING_LAUNCHER, waitKey, requested);
        Process process;
        try {
            Files.createDirectories(workingDir);
            process = builder.start();
        } catch (IOException e) {
            throw new JobLaunchException("cannot start job " + spec.jobName() + " in " + workingDir + ": "
                    + e.getMessage(), e);
        } finally {
            // Started, or it never will: either way the wait is over (a failed start must not stay pending).
            pending.podPendingEnded(PENDING_LAUNCHER, waitKey, Instant.now());
        }
        LOG.info("job {} started as pid {} ({}), log {}", spec.jobName(), process.pid(), spec.mainClass(), logFile);
        try {
            return LocalJobHandle.start(spec.jobName(), process, listener, logFile, tailLines, killGrace);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new JobLaunchException("cannot open log " + logFile + " of job " + spec.jobName(), e);
        }
    }

    /** The argv the job runs with (the classpath is part of it). */
    List<String> command(TrainingJobSpec spec) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(spec.mainClass());
        command.addAll(spec.args());
        return command;
    }

    private static String absoluteClasspath(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> entry.endsWith("*")
                        ? Paths.get(entry.substring(0, entry.length() - 1)).toAbsolutePath() + File.separator + "*"
                        : Paths.get(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
