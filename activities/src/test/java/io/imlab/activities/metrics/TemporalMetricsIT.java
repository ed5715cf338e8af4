package io.imlab.activities.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.uber.m3.tally.Scope;
import io.imlab.workflows.metrics.ExternalSeries;
import io.imlab.workflows.metrics.MetricCatalogue;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The Temporal SDK's metrics reach the Prometheus registry through {@link ImlabMetrics#temporalMetricsScope}, under
 * exactly the names the catalogue lists as {@code temporal-sdk} external series (which dashboards use).
 */
class TemporalMetricsIT {

    private static final String QUEUE = "metrics-probe";

    @WorkflowInterface
    public interface ProbeWorkflow {
        @WorkflowMethod
        String run(boolean fail);
    }

    @ActivityInterface
    public interface ProbeActivities {
        @ActivityMethod
        String flaky();
    }

    public static class ProbeWorkflowImpl implements ProbeWorkflow {
        private final ProbeActivities activities = Workflow.newActivityStub(ProbeActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
                        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(10))
                                .setMaximumAttempts(3).build())
                        .build());

        @Override
        public String run(boolean fail) {
            String result = activities.flaky();
            if (fail) {
                throw ApplicationFailure.newNonRetryableFailure("asked to fail", "probe");
            }
            return result;
        }
    }

    /** Fails its first attempt so the SDK records an activity failure, then reports the attempt to imlab. */
    public static class ProbeActivitiesImpl implements ProbeActivities {
        private final ImlabMetrics metrics;

        ProbeActivitiesImpl(ImlabMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public String flaky() {
            int attempt = Activity.getExecutionContext().getInfo().getAttempt();
            metrics.activityAttempt("Flaky", attempt);
            if (attempt == 1) {
                throw ApplicationFailure.newFailure("first attempt fails", "probe");
            }
            return "ok";
        }
    }

    @Test
    void temporalSdkSeriesAppearUnderTheirCataloguedNames() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Scope scope = ImlabMetrics.temporalMetricsScope(registry, Duration.ofMillis(100));
        ImlabMetrics metrics = new ImlabMetrics(registry);
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setMetricsScope(scope).build());
        try {
            Worker worker = env.newWorker(QUEUE);
            worker.registerWorkflowImplementationTypes(ProbeWorkflowImpl.class);
            worker.registerActivitiesImplementations(new ProbeActivitiesImpl(metrics));
            env.start();
            WorkflowClient client = env.getWorkflowClient();

            assertThat(stub(client, "ok").run(false)).isEqualTo("ok");
            assertThatThrownBy(() -> stub(client, "fails").run(true)).isInstanceOf(WorkflowFailedException.class);

            List<String> expected = MetricCatalogue.external().stream()
                    .filter(e -> e.source().equals("temporal-sdk")).map(ExternalSeries::name).toList();
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(registry.scrape()).contains(expected));
            assertThat(registry.scrape()).contains("imlab_activity_retries_total{activity=\"Flaky\"} 2.0");
        } finally {
            env.close();
            scope.close();
        }
    }

    private static ProbeWorkflow stub(WorkflowClient client, String id) {
        return client.newWorkflowStub(ProbeWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    }
}
