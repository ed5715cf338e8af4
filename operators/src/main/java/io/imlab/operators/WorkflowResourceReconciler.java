package io.imlab.operators;

import io.fabric8.kubernetes.client.CustomResource;
import io.imlab.operators.crd.WorkflowResourceStatus;
import io.imlab.workflows.TaskQueues;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Observe → validate → reconcile for a resource that runs one workflow (the shape of the Flink operator's
 * reconcilers):
 * <ol>
 *   <li><b>observe</b> what the status says was done (the workflow id and the hash of the spec it started with);</li>
 *   <li><b>validate</b> the spec with the spec loader's rules; an invalid spec sets {@code SpecValid=False} listing
 *       every problem with its field path, and starts nothing;</li>
 *   <li><b>reconcile</b>: start the workflow once, under an id derived from the resource's uid (a second start is
 *       a no-op); after that, refuse spec changes with {@code SpecChangeRejected=True} (the running workflow keeps
 *       the spec it started with) and copy the workflow's progress and result into the status, polling while it
 *       runs.</li>
 * </ol>
 * Deleting the resource cancels its workflow first: JOSDK adds a finalizer because this is a {@link Cleaner}, and
 * removes it once {@link #cleanup} returns.
 *
 * @param <R> the custom resource
 * @param <S> its status
 * @param <D> the loaded spec document
 */
abstract class WorkflowResourceReconciler<R extends CustomResource<?, S>, S extends WorkflowResourceStatus, D>
        implements Reconciler<R>, Cleaner<R> {
    static final String PHASE_INVALID = "Invalid";

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowResourceReconciler.class);

    protected final WorkflowGateway gateway;
    protected final OperatorSettings settings;
    private final Conditions conditions;

    WorkflowResourceReconciler(WorkflowGateway gateway, OperatorSettings settings, Clock clock) {
        this.gateway = gateway;
        this.settings = settings;
        this.conditions = new Conditions(clock);
    }

    /** The resource's spec under the loader's rules. */
    abstract SpecCheck<D> check(R resource);

    /** A status with nothing observed yet. */
    abstract S newStatus();

    /** Starts the workflow for a valid spec; records in {@code status} whatever it needs later (e.g. the cells). */
    abstract WorkflowGateway.StartOutcome start(String workflowId, D document, S status);

    /** Reads the workflow's state; {@code status} holds what the start recorded. */
    abstract WorkflowSnapshot observe(String workflowId, S status);

    /** Copies the kind-specific parts of the snapshot (step or cells) into the status. */
    abstract void applyProgress(WorkflowSnapshot snapshot, S status);

    @Override
    public UpdateControl<R> reconcile(R resource, Context<R> context) {
        S status = resource.getStatus() == null ? newStatus() : resource.getStatus();
        resource.setStatus(status);
        Long generation = resource.getMetadata().getGeneration();
        String name = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();

        SpecCheck<D> check = check(resource);
        if (status.getWorkflowId() == null) {
            if (!check.valid()) {
                LOG.info("{} {}: invalid spec, nothing started: {}", resource.getKind(), name, check.describeProblems());
                conditions.set(status.getConditions(), Conditions.SPEC_VALID, Conditions.FALSE, "InvalidSpec",
                        check.describeProblems(), generation);
                status.setPhase(PHASE_INVALID);
                status.setMessage("the spec has " + check.problems().size() + " problem(s); see condition SpecValid");
                status.setObservedGeneration(generation);
                // Nothing to poll: a spec fix is an update, and updates trigger a reconcile.
                return UpdateControl.patchStatus(resource);
            }
            conditions.set(status.getConditions(), Conditions.SPEC_VALID, Conditions.TRUE, "Valid",
                    "the spec is valid", generation);
            String workflowId = WorkflowIds.of(resource);
            WorkflowGateway.StartOutcome outcome = start(workflowId, check.document(), status);
            status.setWorkflowId(workflowId);
            status.setStartedSpecHash(check.hash());
            conditions.set(status.getConditions(), Conditions.WORKFLOW_STARTED, Conditions.TRUE,
                    outcome == WorkflowGateway.StartOutcome.STARTED ? "Started" : "AlreadyStarted",
                    "workflow " + workflowId + " on task queue " + TaskQueues.EXPERIMENTS, generation);
            LOG.info("{} {}: workflow {} {}", resource.getKind(), name, workflowId,
                    outcome == WorkflowGateway.StartOutcome.STARTED ? "started" : "was already started");
        } else {
            rejectSpecChange(resource, status, check, generation);
        }

        WorkflowSnapshot snapshot = observe(status.getWorkflowId(), status);
        applySnapshot(snapshot, status, generation);
        status.setObservedGeneration(generation);
        UpdateControl<R> control = UpdateControl.patchStatus(resource);
        // Poll while the workflow may still change; a finished one changes no more.
        return snapshot.phase().finished() ? control : control.rescheduleAfter(settings.pollInterval());
    }

    @Override
    public DeleteControl cleanup(R resource, Context<R> context) {
        // The id is derived from the uid, so the workflow is cancelled even when its start never reached the status.
        String workflowId = resource.getStatus() != null && resource.getStatus().getWorkflowId() != null
                ? resource.getStatus().getWorkflowId()
                : WorkflowIds.of(resource);
        gateway.cancel(workflowId);
        return DeleteControl.defaultDelete();
    }

    private void rejectSpecChange(R resource, S status, SpecCheck<D> check, Long generation) {
        if (check.hash().equals(status.getStartedSpecHash())) {
            if (Conditions.find(status.getConditions(), Conditions.SPEC_CHANGE_REJECTED).isPresent()) {
                conditions.set(status.getConditions(), Conditions.SPEC_CHANGE_REJECTED, Conditions.FALSE,
                        "SpecUnchanged", "the spec is again the one the workflow started with", generation);
            }
            return;
        }
        String message = "the spec changed after workflow " + status.getWorkflowId() + " started; the workflow keeps"
                + " running with the spec it started with. To run the new spec, delete this resource and create it"
                + " again (or create one under a new name)."
                + (check.valid() ? "" : "\nThe new spec is also invalid: " + check.describeProblems());
        boolean alreadyRefused = Conditions.find(status.getConditions(), Conditions.SPEC_CHANGE_REJECTED)
                .map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false);
        if (!alreadyRefused) {
            LOG.warn("{} {}/{}: spec change refused, workflow {} keeps its spec", resource.getKind(),
                    resource.getMetadata().getNamespace(), resource.getMetadata().getName(), status.getWorkflowId());
        }
        conditions.set(status.getConditions(), Conditions.SPEC_CHANGE_REJECTED, Conditions.TRUE,
                "SpecChangedAfterStart", message, generation);
    }

    private void applySnapshot(WorkflowSnapshot snapshot, S status, Long generation) {
        if (snapshot.phase() == WorkflowPhase.NOT_FOUND) {
            // Keep the last phase seen: a workflow past its retention still ended the way the status says.
            status.setMessage(snapshot.message());
            if (Conditions.find(status.getConditions(), Conditions.COMPLETED).isEmpty()) {
                conditions.set(status.getConditions(), Conditions.COMPLETED, Conditions.UNKNOWN, "WorkflowNotFound",
                        snapshot.message(), generation);
            }
            return;
        }
        status.setPhase(snapshot.phase().label());
        status.setMessage(snapshot.message());
        if (snapshot.resultsUri() != null) {
            status.setResultsUri(snapshot.resultsUri());
        }
        applyProgress(snapshot, status);
        if (snapshot.phase().finished()) {
            conditions.set(status.getConditions(), Conditions.COMPLETED, Conditions.TRUE, snapshot.phase().label(),
                    snapshot.message(), generation);
        } else {
            conditions.set(status.getConditions(), Conditions.COMPLETED, Conditions.FALSE, "Running",
                    snapshot.message(), generation);
        }
    }
}
