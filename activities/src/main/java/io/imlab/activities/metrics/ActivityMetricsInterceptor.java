package io.imlab.activities.metrics;

import io.imlab.workflows.metrics.MetricCatalogue;
import io.imlab.workflows.payload.EvalResult;
import io.imlab.workflows.payload.EvaluateInput;
import io.imlab.workflows.payload.LevelScore;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records the activity-side metrics of the catalogue for every activity a worker runs, so no activity
 * implementation has to: pipeline step durations by result ({@code imlab_step_duration_seconds}), attempts beyond
 * the first ({@code imlab_activity_retries_total}) and the evaluation scores an evaluation step returns
 * ({@code imlab_eval_score}). Install with
 * {@code WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new ActivityMetricsInterceptor(metrics))}.
 */
public final class ActivityMetricsInterceptor extends WorkerInterceptorBase {

    /**
     * Activity type (the interface's name prefix and the method name, capitalized as Temporal does) → the
     * catalogue's {@code step} tag value; other activities (index, flight) are not steps.
     */
    private static final Map<String, String> STEPS = Map.of(
            "Bench.BuildBench", "build_bench",
            "Mixture.SampleMixture", "sample_mixture",
            "Training.Train", "train",
            "Evaluation.Evaluate", "evaluate",
            "Report.WriteExperimentReport", "report",
            "Report.WriteGridReport", "report");

    private final ImlabMetrics metrics;

    /** @param metrics where to record */
    public ActivityMetricsInterceptor(ImlabMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The catalogue's step name of an activity type, if the activity is a pipeline step. */
    public static Optional<String> stepOf(String activityType) {
        return Optional.ofNullable(STEPS.get(activityType));
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private ActivityInfo info;

            @Override
            public void init(ActivityExecutionContext context) {
                info = context.getInfo();
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                metrics.activityAttempt(info.getActivityType(), info.getAttempt());
                Optional<String> step = stepOf(info.getActivityType());
                long started = System.nanoTime();
                try {
                    ActivityOutput output = super.execute(input);
                    step.ifPresent(s -> metrics.stepFinished(s, MetricCatalogue.RESULT_SUCCESS, since(started)));
                    recordScores(input, output);
                    return output;
                } catch (RuntimeException | Error e) {
                    step.ifPresent(s -> metrics.stepFinished(s, MetricCatalogue.RESULT_FAILURE, since(started)));
                    throw e;
                }
            }
        };
    }

    private void recordScores(ActivityInboundCallsInterceptor.ActivityInput input,
                              ActivityInboundCallsInterceptor.ActivityOutput output) {
        if (output.getResult() instanceof EvalResult result && input.getArguments().length == 1
                && input.getArguments()[0] instanceof EvaluateInput evaluate) {
            for (LevelScore score : result.scores()) {
                metrics.evalScore(evaluate.runId(), levelTag(score.level()), score.shots(), score.score());
            }
        }
    }

    /** The catalogue's level tag: {@code level3} (the evaluator's id) becomes {@code L3}. */
    static String levelTag(String level) {
        return level.matches("level\\d+") ? "L" + level.substring("level".length()) : level;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
