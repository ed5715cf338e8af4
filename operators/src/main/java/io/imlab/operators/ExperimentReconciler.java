package io.imlab.operators;

import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.operators.crd.Experiment;
import io.imlab.operators.crd.ExperimentStatus;
import io.imlab.workflows.payload.ExperimentInput;

import java.time.Clock;

/**
 * Runs each {@link Experiment} as an {@code ExperimentWorkflow}; the run id is the workflow id, so its artifacts
 * live under {@code s3://<bucket>/runs/<workflowId>/}. See {@link WorkflowResourceReconciler} for the cycle.
 */
public final class ExperimentReconciler extends WorkflowResourceReconciler<Experiment, ExperimentStatus, ExperimentDocument> {

    public ExperimentReconciler(WorkflowGateway gateway, OperatorSettings settings, Clock clock) {
        super(gateway, settings, clock);
    }

    @Override
    SpecCheck<ExperimentDocument> check(Experiment resource) {
        return ResourceSpecs.experiment(resource);
    }

    @Override
    ExperimentStatus newStatus() {
        return new ExperimentStatus();
    }

    @Override
    WorkflowGateway.StartOutcome start(String workflowId, ExperimentDocument document, ExperimentStatus status) {
        return gateway.startExperiment(workflowId, new ExperimentInput(document.experiment(), workflowId, settings.bucket()));
    }

    @Override
    WorkflowSnapshot observe(String workflowId, ExperimentStatus status) {
        return gateway.experiment(workflowId);
    }

    @Override
    void applyProgress(WorkflowSnapshot snapshot, ExperimentStatus status) {
        if (snapshot.step() != null) {
            status.setStep(snapshot.step());
        }
    }
}
