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
 * An ablation grid as a custom resource: creating it runs an {@code AblationGridWorkflow} (one child experiment
 * per cell); deleting it cancels the grid and, through the parent-close policy, its cells. The spec is a grid spec
 * file's content.
 */
@Group(CrdNames.GROUP)
@Version(CrdNames.VERSION)
@Kind("AblationGrid")
@Plural("ablationgrids")
@Singular("ablationgrid")
@ShortNames("grid")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Invalid, Running, Succeeded, Failed or Cancelled.")
@AdditionalPrinterColumn(name = "Cells", jsonPath = ".status.cellsDone", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Cells finished out of all cells.")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class AblationGrid extends CustomResource<AblationGridSpec, AblationGridStatus> implements Namespaced {
}
