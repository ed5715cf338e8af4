package io.imlab.operators.crd;

/** API group, version and finalizer of the imlab custom resources. */
public final class CrdNames {
    /** API group of every imlab custom resource. */
    public static final String GROUP = "imlab.io";
    /** The only served (and stored) version. */
    public static final String VERSION = "v1alpha1";
    /** Held by every resource whose workflow may still run, so deleting it first cancels the workflow. */
    public static final String FINALIZER = "imlab.io/cancel-workflow";

    private CrdNames() {
    }
}
