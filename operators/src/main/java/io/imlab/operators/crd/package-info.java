/**
 * The imlab custom resources, group {@code imlab.io}, version {@code v1alpha1}: {@link io.imlab.operators.crd.Experiment}
 * and {@link io.imlab.operators.crd.AblationGrid}.
 *
 * <p>These classes are the single source of the CRD YAML in {@code charts/imlab/crds/} and of
 * {@code docs/crd-reference.md}; both are generated from them (fabric8's CRD generator) and drift-checked. The
 * {@code @JsonPropertyDescription} texts become the schema's descriptions, so they are written for users.
 *
 * <p>The spec classes are Java beans rather than records because fabric8's serializer and CRD generator read bean
 * properties; every field is boxed so that "left out" stays distinguishable from "zero" and the documented default
 * of the spec loader applies ({@code docs/spec-reference.md}).
 */
package io.imlab.operators.crd;
