package io.imlab.operators;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imlab.operators.crd.CrdNames;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;

import java.time.Clock;

/**
 * The imlab operator: the {@link AblationGridReconciler} and the {@link ExperimentReconciler} on one Java Operator
 * SDK {@link Operator}, watching one namespace.
 */
public final class ImlabOperator implements AutoCloseable {
    /** Polls per forced re-reconcile of every resource (see {@link #register}). */
    private static final int RESYNC_POLLS = 20;

    private final Operator operator;

    private ImlabOperator(Operator operator) {
        this.operator = operator;
    }

    /**
     * Starts watching {@code namespace} for AblationGrids and Experiments. Returns once the informers are synced.
     *
     * @param client    the Kubernetes client; the caller closes it after {@link #close()}
     * @param gateway   where workflows are started, observed and cancelled
     * @param settings  bucket and poll interval
     * @param namespace the namespace to watch (the operator's own, in the chart)
     * @param clock     for condition transition times
     */
    public static ImlabOperator start(KubernetesClient client, WorkflowGateway gateway, OperatorSettings settings,
                                      String namespace, Clock clock) {
        Operator operator = new Operator(o -> o
                .withKubernetesClient(client)
                // Status is written with a merge patch, not server-side apply: it works on every API server and on
                // fabric8's mock server (which answers SSA with 415), so tests run the same path as production.
                .withUseSSAToPatchPrimaryResource(false)
                .withCloseClientOnStop(false));
        register(operator, new AblationGridReconciler(gateway, settings, clock), namespace, settings);
        register(operator, new ExperimentReconciler(gateway, settings, clock), namespace, settings);
        operator.start();
        return new ImlabOperator(operator);
    }

    private static <R extends HasMetadata> void register(Operator operator, Reconciler<R> reconciler, String namespace,
                                                         OperatorSettings settings) {
        operator.register(reconciler, o -> o.settingNamespace(namespace)
                .withFinalizer(CrdNames.FINALIZER)
                // A safety net for polling: when Temporal stays unreachable past JOSDK's retries, a running resource
                // is still looked at again within this interval instead of JOSDK's default of 10 hours.
                .withReconciliationMaxInterval(settings.pollInterval().multipliedBy(RESYNC_POLLS)));
    }

    /** Stops the informers and the reconcile threads; running workflows are not touched. */
    @Override
    public void close() {
        operator.stop();
    }
}
