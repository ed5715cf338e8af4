package io.imlab.operators;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.imlab.operators.crd.AblationGrid;
import io.imlab.operators.crd.AblationGridSpec;
import io.imlab.operators.crd.CellProgress;
import io.imlab.operators.crd.Condition;
import io.imlab.operators.crd.CrdNames;
import io.imlab.operators.crd.Experiment;
import io.imlab.operators.crd.ExperimentResourceSpec;
import io.imlab.operators.crd.ExperimentStatus;
import io.imlab.operators.crd.GridSection;
import io.imlab.operators.crd.ModelSection;
import io.imlab.operators.crd.RecipeSection;
import io.imlab.operators.crd.TrainingSection;
import io.imlab.operators.crd.WorkflowResourceStatus;
import io.imlab.workflows.TaskQueues;
import io.imlab.workflows.WorkflowTypes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The operator end to end against fabric8's mock API server in CRUD mode (with the generated CRDs installed) and
 * the Temporal test environment, whose worker runs the real workflows on {@link HeldStepActivities}.
 */
class OperatorIT {
    private static final String NAMESPACE = "imlab-test";
    private static final String BUCKET = "imlab-it";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KubernetesMockServer server;
    private static KubernetesClient kubernetes;
    private static TestWorkflowEnvironment temporal;
    private static WorkflowClient workflows;
    private static HeldStepActivities activities;
    private static TemporalWorkflowGateway gateway;
    private static ImlabOperator operator;

    @BeforeAll
    static void start() throws IOException {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        kubernetes = server.createClient();
        for (String plural : List.of("ablationgrids", "experiments")) {
            Path crd = Path.of(System.getProperty("imlab.repo.root", "..")).resolve("charts/imlab/crds")
                    .resolve(plural + "." + CrdNames.GROUP + ".yaml");
            try (InputStream in = Files.newInputStream(crd)) {
                CustomResourceDefinition definition = kubernetes.apiextensions().v1().customResourceDefinitions()
                        .load(in).item();
                kubernetes.apiextensions().v1().customResourceDefinitions().resource(definition).create();
            }
        }

        temporal = TestWorkflowEnvironment.newInstance();
        Worker worker = temporal.newWorker(TaskQueues.EXPERIMENTS);
        worker.registerWorkflowImplementationTypes(WorkflowTypes.implementations());
        WorkflowTypes.orchestrationActivities().forEach(worker::registerActivitiesImplementations);
        activities = new HeldStepActivities();
        worker.registerActivitiesImplementations(activities);
        temporal.start();
        workflows = temporal.getWorkflowClient();
        gateway = new TemporalWorkflowGateway(workflows);

        operator = ImlabOperator.start(kubernetes, gateway, new OperatorSettings(BUCKET, Duration.ofMillis(300)),
                NAMESPACE, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (temporal != null) {
            temporal.close();
        }
        if (kubernetes != null) {
            kubernetes.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    void anExperimentStartsItsWorkflowOnceFollowsItsStepsAndLinksItsReport() {
        Experiment created = create(experiment("exp-once", new ExperimentResourceSpec()));
        String workflowId = "experiment-exp-once-" + created.getMetadata().getUid();

        Experiment running = awaitExperiment("exp-once",
                e -> e.getStatus() != null && "train".equals(e.getStatus().getStep()));
        assertThat(running.getStatus().getWorkflowId()).isEqualTo(workflowId);
        assertThat(running.getStatus().getPhase()).isEqualTo("Running");
        assertThat(running.getStatus().getObservedGeneration()).isEqualTo(running.getMetadata().getGeneration());
        assertThat(condition(running, Conditions.SPEC_VALID)).extracting(Condition::getStatus).isEqualTo("True");
        assertThat(condition(running, Conditions.WORKFLOW_STARTED))
                .extracting(Condition::getStatus, Condition::getReason).containsExactly("True", "Started");
        assertThat(condition(running, Conditions.COMPLETED)).extracting(Condition::getStatus).isEqualTo("False");

        // Reconciling again as if the status had been lost (e.g. its patch failed) must not start a second run.
        Experiment statusLost = kubernetes.resources(Experiment.class).inNamespace(NAMESPACE).withName("exp-once").get();
        statusLost.setStatus(null);
        new ExperimentReconciler(gateway, new OperatorSettings(BUCKET, Duration.ofSeconds(1)), Clock.systemUTC())
                .reconcile(statusLost, null);
        assertThat(condition(statusLost, Conditions.WORKFLOW_STARTED)).extracting(Condition::getReason)
                .isEqualTo("AlreadyStarted");
        assertThat(statusLost.getStatus().getWorkflowId()).isEqualTo(workflowId);

        activities.release("exp-once");
        Experiment done = awaitExperiment("exp-once", e -> "Succeeded".equals(phase(e)));
        assertThat(done.getStatus().getResultsUri()).isEqualTo("s3://" + BUCKET + "/runs/" + workflowId + "/report/");
        assertThat(done.getStatus().getStep()).isEqualTo("report");
        assertThat(condition(done, Conditions.COMPLETED))
                .extracting(Condition::getStatus, Condition::getReason).containsExactly("True", "Succeeded");
        assertThat(activities.trainings("exp-once")).as("workflow runs of exp-once").isEqualTo(1);
    }

    @Test
    void aGridShowsEveryCellAndFailsWhenACellFails() {
        AblationGridSpec spec = new AblationGridSpec();
        GridSection grid = new GridSection();
        grid.setFactors(Map.of("recipe.cotShare", List.of(
                DoubleNode.valueOf(0.0),
                DoubleNode.valueOf(0.04))));
        grid.setMaxParallel(1);
        spec.setGrid(grid);
        AblationGrid created = create(ablationGrid("grid-cells", spec));
        String workflowId = "ablationgrid-grid-cells-" + created.getMetadata().getUid();

        AblationGrid running = awaitGrid("grid-cells", g -> g.getStatus() != null && g.getStatus().getCells().size() == 2
                && "train".equals(g.getStatus().getCells().get(0).getStep()));
        assertThat(running.getStatus().getCells()).extracting(CellProgress::getName, CellProgress::getPhase)
                .containsExactly(tuple("cotShare=0", "Running"),
                        tuple("cotShare=0.04", "Waiting"));
        assertThat(running.getStatus().getCellsDone()).isEqualTo("0/2");
        assertThat(running.getStatus().getWorkflowId()).isEqualTo(workflowId);

        activities.failTraining("grid-cells-cotShare=0.04");
        activities.release("grid-cells");
        AblationGrid done = awaitGrid("grid-cells", g -> "Failed".equals(phase(g)));
        assertThat(done.getStatus().getCellsDone()).isEqualTo("2/2");
        assertThat(done.getStatus().getCells()).extracting(CellProgress::getPhase).containsExactly("Succeeded", "Failed");
        assertThat(done.getStatus().getCells().get(1).getMessage()).contains("loss diverged");
        assertThat(done.getStatus().getMessage()).isEqualTo("1 of 2 cells failed");
        assertThat(done.getStatus().getResultsUri()).isEqualTo("s3://" + BUCKET + "/grids/" + workflowId + "/report/");
    }

    @Test
    void aSpecChangeAfterStartIsRefusedWithAConditionAndTheWorkflowKeepsRunning() {
        create(experiment("exp-change", new ExperimentResourceSpec()));
        Experiment running = awaitExperiment("exp-change", e -> "Running".equals(phase(e)));
        String workflowId = running.getStatus().getWorkflowId();

        Experiment changed = kubernetes.resources(Experiment.class).inNamespace(NAMESPACE).withName("exp-change")
                .edit(e -> {
                    TrainingSection training = new TrainingSection();
                    training.setSteps(7);
                    e.getSpec().setTraining(training);
                    return e;
                });
        Experiment refused = awaitExperiment("exp-change", e -> condition(e, Conditions.SPEC_CHANGE_REJECTED) != null
                && "True".equals(condition(e, Conditions.SPEC_CHANGE_REJECTED).getStatus()));
        Condition rejection = condition(refused, Conditions.SPEC_CHANGE_REJECTED);
        assertThat(rejection.getReason()).isEqualTo("SpecChangedAfterStart");
        assertThat(rejection.getMessage()).contains(workflowId, "delete this resource");
        assertThat(rejection.getObservedGeneration()).isEqualTo(changed.getMetadata().getGeneration());
        assertThat(refused.getStatus().getObservedGeneration()).isEqualTo(changed.getMetadata().getGeneration());
        assertThat(refused.getStatus().getWorkflowId()).isEqualTo(workflowId);
        assertThat(refused.getStatus().getPhase()).isEqualTo("Running");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(activities.trainings("exp-change")).isEqualTo(1));
        activities.release("exp-change");
        awaitExperiment("exp-change", e -> "Succeeded".equals(phase(e)));
    }

    @Test
    void anInvalidSpecListsEveryProblemWithItsPathAndStartsNothing() {
        ExperimentResourceSpec spec = new ExperimentResourceSpec();
        RecipeSection recipe = new RecipeSection();
        recipe.setCotShare(2.0);
        spec.setRecipe(recipe);
        TrainingSection training = new TrainingSection();
        training.setSteps(0);
        spec.setTraining(training);
        ModelSection model = new ModelSection();
        model.setPreset("huge");
        spec.setModel(model);
        Experiment created = create(experiment("exp-invalid", spec));

        Experiment invalid = awaitExperiment("exp-invalid", e -> "Invalid".equals(phase(e)));
        Condition valid = condition(invalid, Conditions.SPEC_VALID);
        assertThat(valid.getStatus()).isEqualTo("False");
        assertThat(valid.getReason()).isEqualTo("InvalidSpec");
        assertThat(valid.getMessage()).contains("3 problems",
                "spec.recipe.cotShare: must be between 0 and 1, got 2.0",
                "spec.training.steps: must be positive, got 0",
                "spec.model.preset: must be one of tiny, small, base, got \"huge\"");
        assertThat(invalid.getStatus().getWorkflowId()).isNull();
        assertThat(invalid.getStatus().getObservedGeneration()).isEqualTo(invalid.getMetadata().getGeneration());
        assertThat(condition(invalid, Conditions.WORKFLOW_STARTED)).isNull();
        String workflowId = "experiment-exp-invalid-" + created.getMetadata().getUid();
        assertThatThrownBy(() -> workflows.newUntypedWorkflowStub(workflowId).describe())
                .isInstanceOf(WorkflowNotFoundException.class);
        assertThat(activities.trainings("exp-invalid")).isZero();
    }

    @Test
    void deletingAResourceCancelsItsWorkflowAndRemovesTheFinalizer() {
        create(experiment("exp-delete", new ExperimentResourceSpec()));
        Experiment running = awaitExperiment("exp-delete", e -> "Running".equals(phase(e)));
        assertThat(running.getMetadata().getFinalizers()).containsExactly(CrdNames.FINALIZER);
        String workflowId = running.getStatus().getWorkflowId();

        kubernetes.resources(Experiment.class).inNamespace(NAMESPACE).withName("exp-delete").delete();

        await("exp-delete removed once its finalizer is").atMost(WAIT).until(() ->
                kubernetes.resources(Experiment.class).inNamespace(NAMESPACE).withName("exp-delete").get() == null);
        await("workflow cancelled").atMost(WAIT).until(() -> workflows.newUntypedWorkflowStub(workflowId).describe()
                .getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    }

    private static Experiment experiment(String name, ExperimentResourceSpec spec) {
        Experiment experiment = new Experiment();
        experiment.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        experiment.setSpec(spec);
        return experiment;
    }

    private static AblationGrid ablationGrid(String name, AblationGridSpec spec) {
        AblationGrid grid = new AblationGrid();
        grid.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        grid.setSpec(spec);
        return grid;
    }

    private static <R extends HasMetadata> R create(R resource) {
        return kubernetes.resource(resource).inNamespace(NAMESPACE).create();
    }

    private static Experiment awaitExperiment(String name, Predicate<Experiment> condition) {
        return await(name).atMost(WAIT).until(
                () -> kubernetes.resources(Experiment.class).inNamespace(NAMESPACE).withName(name).get(),
                e -> e != null && condition.test(e));
    }

    private static AblationGrid awaitGrid(String name, Predicate<AblationGrid> condition) {
        return await(name).atMost(WAIT).until(
                () -> kubernetes.resources(AblationGrid.class).inNamespace(NAMESPACE).withName(name).get(),
                g -> g != null && condition.test(g));
    }

    private static Optional<WorkflowResourceStatus> status(CustomResource<?, ? extends WorkflowResourceStatus> resource) {
        return Optional.ofNullable(resource.getStatus());
    }

    private static String phase(CustomResource<?, ? extends WorkflowResourceStatus> resource) {
        return status(resource).map(WorkflowResourceStatus::getPhase).orElse(null);
    }

    private static Condition condition(CustomResource<?, ? extends WorkflowResourceStatus> resource,
                                       String type) {
        return status(resource).flatMap(s -> Conditions.find(s.getConditions(), type)).orElse(null);
    }
}
