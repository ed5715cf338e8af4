package io.imlab.cli.run;

import io.imlab.activities.launch.ProgressEvent;
import io.imlab.activities.training.TrainingActivitiesImpl.TrainingProgressSink;

import java.io.PrintStream;
import java.util.Locale;

/** Prints training progress of embedded runs: the first step, every {@code every} steps, checkpoints and the end. */
final class ProgressPrinter implements TrainingProgressSink {
    private final PrintStream out;
    private final int every;

    ProgressPrinter(PrintStream out, int every) {
        this.out = out;
        this.every = every;
    }

    @Override
    public void onProgress(String runId, ProgressEvent event) {
        String kind = event.text("event").orElse("step");
        long step = event.longValue("step").orElse(0);
        switch (kind) {
            case "step" -> {
                if (step == 1 || step % every == 0) {
                    print(runId, String.format(Locale.ROOT, "train  step %5d  loss %.3f  lr %.2e  %,d tokens/s", step,
                            event.doubleValue("loss").orElse(Double.NaN), event.doubleValue("lr").orElse(Double.NaN),
                            event.longValue("tokens_per_s").orElse(0)));
                }
            }
            case "checkpoint" -> print(runId, "checkpoint step " + step + " -> " + event.text("uri").orElse("?"));
            case "resumed" -> print(runId, "resumed from checkpoint step " + step);
            case "summary" -> print(runId, String.format(Locale.ROOT, "train  done: %d steps, final loss %.3f, %.0f s",
                    step, event.doubleValue("final_loss").orElse(Double.NaN), event.doubleValue("seconds").orElse(0)));
            default -> {
            }
        }
    }

    synchronized void print(String runId, String message) {
        out.println("[" + shortName(runId) + "] " + message);
        out.flush();
    }

    static String shortName(String runId) {
        int slash = runId.lastIndexOf('/');
        return slash >= 0 ? runId.substring(slash + 1) : runId;
    }
}
