package io.imlab.workflows.flight;

import io.imlab.workflows.ArtifactFlightActivities;
import io.imlab.workflows.FailureTypes;
import io.imlab.workflows.payload.BenchFlightInput;
import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.MixtureFlightInput;
import io.imlab.workflows.payload.MixtureRef;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.client.ActivityCompletionFailureException;
import io.temporal.client.ActivityNotExistsException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Starts a build workflow with {@code USE_EXISTING} (attach to the build in flight) and
 * {@code ALLOW_DUPLICATE_FAILED_ONLY} (a completed build is never run again; a failed one may be retried),
 * then waits for its result without holding an activity slot, heartbeating so that a dead worker's wait is retried elsewhere — and the retry
 * attaches to the same build. Lives with the workflows because it needs only the Temporal client that the
 * activity context provides, no object store.
 */
public final class ArtifactFlightActivitiesImpl implements ArtifactFlightActivities {
    /** How often a waiting attempt heartbeats; well inside {@code StepOptions.awaitFlight()}'s heartbeat timeout. */
    private static final long HEARTBEAT_EVERY_MS = 5_000;
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "imlab-flight-heartbeats");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public BenchRef awaitBench(BenchFlightInput input) {
        return await(input.flightId(), "BenchBuild", input.build(), BenchRef.class,
                b -> new BenchRef(b.uri(), b.hash(), b.taskCount(), b.trainTasks(), b.level1Tasks(), b.level2Tasks(), true));
    }

    @Override
    public MixtureRef awaitMixture(MixtureFlightInput input) {
        return await(input.flightId(), "MixtureBuild", input.build(), MixtureRef.class,
                m -> new MixtureRef(m.uri(), m.hash(), m.sequences(), m.tokens(), m.realizedShares(), true));
    }

    /**
     * {@code asCached} marks a result as reused, for a build that had completed before this request.
     *
     * <p>The wait completes asynchronously: the activity method returns at once and frees its slot, and the
     * result future completes the activity through the completion client. A blocking wait would hold one
     * activity slot per waiting cell; with more cells waiting than the worker has slots, the build's own
     * activity could never get one and every cell would wait forever.
     */
    private static <T> T await(String flightId, String workflowType, Object build, Class<T> resultType,
                               UnaryOperator<T> asCached) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        WorkflowClient client = context.getWorkflowClient();
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(flightId)
                .setTaskQueue(context.getInfo().getActivityTaskQueue())
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .build();
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowType, options);
        CompletableFuture<T> result;
        try {
            stub.start(build);
            result = stub.getResultAsync(resultType);
        } catch (WorkflowExecutionAlreadyStarted completedEarlier) {
            // The build ran to completion before: its published result is the answer, nothing runs again.
            result = client.newUntypedWorkflowStub(flightId, Optional.empty(), Optional.of(workflowType))
                    .getResultAsync(resultType).thenApply(asCached);
        }
        byte[] taskToken = context.getTaskToken();
        ActivityCompletionClient completions = client.newActivityCompletionClient();
        context.doNotCompleteOnReturn();
        // Heartbeats keep flowing from this worker while it waits, so a dead worker's wait times out and is
        // retried elsewhere (and the retry attaches to the same build).
        ScheduledFuture<?> heartbeats = HEARTBEATS.scheduleWithFixedDelay(() -> {
            try {
                completions.heartbeat(taskToken, flightId);
            } catch (RuntimeException cancelledOrGone) {
                // The wait was cancelled or timed out: the completion below finds it gone and stops there.
            }
        }, HEARTBEAT_EVERY_MS, HEARTBEAT_EVERY_MS, TimeUnit.MILLISECONDS);
        result.whenComplete((value, error) -> {
            heartbeats.cancel(false);
            try {
                if (error == null) {
                    completions.complete(taskToken, value);
                } else {
                    Throwable cause = error instanceof CompletionException || error instanceof ExecutionException
                            ? error.getCause() : error;
                    completions.completeExceptionally(taskToken, failure(flightId, cause));
                }
            } catch (ActivityNotExistsException | ActivityCompletionFailureException gone) {
                // The waiting attempt was cancelled or timed out meanwhile; its retry attaches again.
            }
        });
        return null;
    }

    /**
     * The build's own failure, message and type unchanged (so {@code imlab status} shows the real reason): a
     * configuration error fails the waiting cell at once; anything else is retried, which starts a new build
     * because the failed one may be run again.
     */
    private static RuntimeException failure(String flightId, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApplicationFailure a) {
                return FailureTypes.CONFIGURATION_ERROR.equals(a.getType())
                        ? ApplicationFailure.newNonRetryableFailure(a.getOriginalMessage(), a.getType())
                        : ApplicationFailure.newFailure(a.getOriginalMessage(), a.getType());
            }
        }
        if (cause instanceof WorkflowFailedException) {
            return ApplicationFailure.newFailure("build " + flightId + " failed: " + cause.getMessage(), "BuildFailed");
        }
        return cause instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("build " + flightId + " failed", cause);
    }
}
