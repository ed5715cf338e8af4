package io.imlab.activities.launch;

import io.imlab.activities.training.ParentProcessWatch;
import io.imlab.activities.training.TrainerEnvironment;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A child process that keeps the trainer contract, for {@link LocalProcessLauncherIT}.
 *
 * <p>{@code exit <code>}: prints two progress lines, a plain line, a stderr line, then exits with the code.
 * {@code watch-parent}: watches {@code IMLAB_PARENT_PID} like the trainer pod and waits for it to die.
 * {@code hang}: starts a grandchild ({@code sleep 300}), reports both pids as progress, and waits forever.
 */
public final class FakeTrainerMain {

    private FakeTrainerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        switch (args[0]) {
            case "exit" -> {
                System.out.println("{\"step\":1,\"loss\":2.5,\"lr\":0.001}");
                System.out.println("plain text from the trainer");
                System.out.println("{\"step\":2,\"loss\":1.25,\"env\":\"" + System.getenv("IMLAB_FAKE_VALUE")
                        + "\",\"cwd\":\"" + Path.of("").toAbsolutePath() + "\",\"arg\":\"" + args[2] + "\"}");
                System.out.println("{not json");
                System.err.println("stderr says exit " + args[1]);
                System.exit(Integer.parseInt(args[1]));
            }
            case "hang" -> {
                Process grandchild = new ProcessBuilder("sleep", "300").start();
                System.out.println("{\"pid\":" + ProcessHandle.current().pid() + ",\"grandchild\":"
                        + grandchild.pid() + "}");
                new CountDownLatch(1).await();
            }
            case "watch-parent" -> {
                // As TrainerPod does: exit with a retryable code once the process that launched us is gone.
                ParentProcessWatch.start(System.getenv(), Duration.ofMillis(100),
                        () -> Runtime.getRuntime().halt(TrainerEnvironment.EXIT_PARENT_GONE));
                System.out.println("{\"pid\":" + ProcessHandle.current().pid() + "}");
                new CountDownLatch(1).await();
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
