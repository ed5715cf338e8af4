package io.imlab.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints progress as one JSON object per line, the trainer pod contract:
 * {@code {"step":…,"loss":…,"lr":…,"tokens":…,"tokens_per_s":…,"grad_norm":…}} every {@code every}
 * steps (and always for the first and last step), then one summary line
 * {@code {"event":"summary","step":…,"total_steps":…,"final_loss":…,"tokens":…,"seconds":…,"checkpoint":…}}.
 */
public final class JsonLinesProgress implements ProgressListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private final int every;

    public JsonLinesProgress(PrintStream out, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("report interval must be ≥ 1 step, was " + every);
        }
        this.out = out;
        this.every = every;
    }

    @Override
    public void onStep(StepMetrics metrics) {
        if (metrics.step() % every != 0 && metrics.step() != 1 && metrics.step() != metrics.totalSteps()) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", metrics.step());
        line.put("loss", metrics.loss());
        line.put("lr", metrics.learningRate());
        line.put("tokens", metrics.tokens());
        line.put("tokens_per_s", Math.round(metrics.tokensPerSecond()));
        line.put("grad_norm", metrics.gradientNorm());
        print(line);
    }

    @Override
    public void onFinish(TrainingSummary summary) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "summary");
        line.put("step", summary.step());
        line.put("total_steps", summary.totalSteps());
        line.put("final_loss", summary.finalLoss());
        line.put("tokens", summary.tokens());
        line.put("seconds", summary.seconds());
        line.put("checkpoint", summary.lastCheckpoint().map(c -> c.directory().toString()).orElse(null));
        print(line);
    }

    private void print(Map<String, Object> line) {
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode progress line", e);
        }
        out.flush();
    }
}
