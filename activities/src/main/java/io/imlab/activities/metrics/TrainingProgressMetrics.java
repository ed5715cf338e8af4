package io.imlab.activities.metrics;

import io.imlab.activities.launch.ProgressEvent;
import io.imlab.activities.training.TrainingActivitiesImpl.TrainingProgressSink;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a trainer's progress lines into the training and checkpoint metrics of the catalogue: step lines set the
 * live gauges and count tokens, {@code checkpoint} lines (with {@code bytes} and {@code seconds}) record the
 * checkpoint size and upload time, {@code checkpoint_failed} lines a failed upload, and the {@code summary} line
 * ends the run's live gauges. Chain it with another sink through {@link #andThen(TrainingProgressSink)}.
 */
public final class TrainingProgressMetrics implements TrainingProgressSink {

    private final ImlabMetrics metrics;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** @param metrics where to record */
    public TrainingProgressMetrics(ImlabMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void onProgress(String runId, ProgressEvent event) {
        if (seen.add(runId)) {
            // The upload-failure series exists from the run's first line, so the alert sees a zero, not a gap.
            metrics.trainingStarted(runId);
        }
        switch (event.text("event").orElse("step")) {
            case "step" -> event.longValue("step").ifPresent(step -> metrics.trainingProgress(runId, step,
                    event.doubleValue("loss").orElse(Double.NaN), event.longValue("tokens").orElse(0),
                    event.doubleValue("tokens_per_s").orElse(0)));
            case "checkpoint" -> {
                if (event.longValue("bytes").isPresent() && event.doubleValue("seconds").isPresent()) {
                    metrics.checkpointUploaded(runId, event.longValue("bytes").getAsLong(),
                            seconds(event.doubleValue("seconds").getAsDouble()));
                }
            }
            case "checkpoint_failed" -> metrics.checkpointUploadFailed(runId,
                    seconds(event.doubleValue("seconds").orElse(0)));
            case "summary" -> {
                metrics.trainingEnded(runId);
                seen.remove(runId);
            }
            default -> {
                // "resumed" and future event kinds carry no metric.
            }
        }
    }

    /** This sink, then {@code next}. */
    public TrainingProgressSink andThen(TrainingProgressSink next) {
        return (runId, event) -> {
            onProgress(runId, event);
            next.onProgress(runId, event);
        };
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
