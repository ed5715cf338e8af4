package io.imlab.workflows;

import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.BuildBenchInput;
import io.imlab.workflows.payload.CellOutcome;
import io.imlab.workflows.payload.CellStatus;
import io.imlab.workflows.payload.EvalResult;
import io.imlab.workflows.payload.EvaluateInput;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.ExperimentProgress;
import io.imlab.workflows.payload.ExperimentReportInput;
import io.imlab.workflows.payload.ExperimentResult;
import io.imlab.workflows.payload.ExperimentStep;
import io.imlab.workflows.payload.GridCellInput;
import io.imlab.workflows.payload.GridInput;
import io.imlab.workflows.payload.GridProgress;
import io.imlab.workflows.payload.GridReportInput;
import io.imlab.workflows.payload.GridResult;
import io.imlab.workflows.payload.LevelScore;
import io.imlab.workflows.payload.MixtureRef;
import io.imlab.workflows.payload.ReportRef;
import io.imlab.workflows.payload.RunStatus;
import io.imlab.workflows.payload.SampleMixtureInput;
import io.imlab.workflows.payload.TrainInput;
import io.imlab.workflows.payload.TrainProgress;
import io.imlab.workflows.payload.TrainResult;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every payload survives Temporal's default (Jackson) data converter unchanged. */
class PayloadSerializationTest {
    private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

    static Stream<Record> payloads() {
        ExperimentSpec spec = ExperimentSpec.defaults("payload");
        BenchRef bench = new BenchRef("s3://b/benches/h/", "h", 10, 6, 2, 2, true);
        MixtureRef mixture = new MixtureRef("s3://b/mixtures/m/", "m", 4000, 1_024_000L, Map.of("flan", 0.2, "cot", 0.01), false);
        TrainResult train = new TrainResult("s3://b/runs/r/checkpoints/step-300/", 300, 1.5, 1_000_000L, "s3://b/runs/r/loss.jsonl");
        EvalResult eval = new EvalResult("s3://b/runs/r/eval/", List.of(new LevelScore("level1", 2, 0.41, 3, 0.2)));
        ReportRef report = new ReportRef("s3://b/runs/r/report/", "j", "c", "h");
        ExperimentResult result = new ExperimentResult("payload", "r", bench, mixture, train, eval, report);
        CellOutcome completed = new CellOutcome("cotShare=0", Map.of("recipe.cotShare", "0"), "g/cotShare=0",
                CellStatus.COMPLETED, result, null);
        CellOutcome failed = new CellOutcome("cotShare=1", Map.of("recipe.cotShare", "1"), "g/cotShare=1",
                CellStatus.FAILED, null, "step train failed: boom");
        return Stream.of(
                new BuildBenchInput("payload", spec.bench(), spec.splits(), "b"),
                bench,
                new SampleMixtureInput("payload", bench, spec.recipe(), "b"),
                mixture,
                new TrainInput("payload", "r", mixture, spec.model(), spec.training(), "s3://b/runs/r/checkpoints/"),
                new TrainProgress(120, 2.5, 40_000L, null),
                train,
                new EvaluateInput("payload", "r", bench, train.checkpointUri(), spec.evaluation(), "s3://b/runs/r/eval/"),
                eval,
                new ExperimentReportInput("r", spec, bench, mixture, train, eval, "s3://b/runs/r/report/"),
                report,
                new ExperimentInput(spec, "r", "b"),
                result,
                new ExperimentProgress("payload", "r", ExperimentStep.TRAIN, RunStatus.RUNNING,
                        List.of(ExperimentStep.BUILD_BENCH, ExperimentStep.SAMPLE_MIXTURE), null),
                new GridInput("g", List.of(new GridCellInput("cotShare=0", Map.of("recipe.cotShare", "0"), spec)), 2, "b"),
                new GridReportInput("g", List.of(completed, failed), "s3://b/grids/g/report/"),
                new GridResult("g", List.of(completed, failed), report),
                new GridProgress("g", RunStatus.RUNNING, 3, 1, List.of("cotShare=0"), 1, 0));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void roundTripsThroughTheDefaultDataConverter(Record payload) {
        Payload serialized = CONVERTER.toPayload(payload).orElseThrow();

        Object restored = CONVERTER.fromPayload(serialized, payload.getClass(), payload.getClass());

        assertThat(restored).isEqualTo(payload);
        // Payloads point at artifacts; they never carry them (history blobs are capped at 2 MB).
        assertThat(serialized.getData().size()).isLessThan(8 * 1024);
    }
}
