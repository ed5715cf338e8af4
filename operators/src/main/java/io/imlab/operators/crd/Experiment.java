package io.imlab.operators.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One experiment as a custom resource: creating it runs an {@code ExperimentWorkflow}; deleting it cancels the
 * workflow. The spec is an experiment spec file's content.
 */
@Group(CrdNames.GROUP)
@Version(CrdNames.VERSION)
@Kind("Experiment")
@Plural("experiments")
@Singular("experiment")
@ShortNames("imexp")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Invalid, Running, Succeeded, Failed or Cancelled.")
@AdditionalPrinterColumn(name = "Step", jsonPath = ".status.step", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "The step running now, or the last one run.")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class Experiment extends CustomResource<ExperimentResourceSpec, ExperimentStatus> implements Namespaced {
}
