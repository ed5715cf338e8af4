package io.imlab.activities.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.imlab.workflows.BenchActivities;
import io.imlab.workflows.EvaluationActivities;
import io.imlab.workflows.MixtureActivities;
import io.imlab.workflows.ReportActivities;
import io.imlab.workflows.TrainingActivities;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The interceptor's step table matches the activity types Temporal derives from imlab's activity interfaces. */
class ActivityMetricsInterceptorTest {

    @Test
    void everyPipelineStepActivityMapsToACatalogueStep() {
        List<String> types = Stream.of(BenchActivities.class, MixtureActivities.class, TrainingActivities.class,
                        EvaluationActivities.class, ReportActivities.class)
                .flatMap(i -> POJOActivityInterfaceMetadata.newInstance(i).getMethodsMetadata().stream())
                .map(POJOActivityMethodMetadata::getActivityTypeName).toList();

        assertThat(types).isNotEmpty().allSatisfy(type ->
                assertThat(ActivityMetricsInterceptor.stepOf(type)).as(type).isPresent());
        assertThat(types.stream().map(t -> ActivityMetricsInterceptor.stepOf(t).orElseThrow()).distinct())
                .containsExactlyInAnyOrder("build_bench", "sample_mixture", "train", "evaluate", "report");
    }

    @Test
    void evaluatorLevelIdsBecomeTheCatalogueLevelTags() {
        assertThat(ActivityMetricsInterceptor.levelTag("level3")).isEqualTo("L3");
        assertThat(ActivityMetricsInterceptor.levelTag("L2")).isEqualTo("L2");
    }
}
