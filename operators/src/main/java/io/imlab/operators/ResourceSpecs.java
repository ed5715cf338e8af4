package io.imlab.operators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imlab.cookbook.hash.ContentHash;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.GridDocument;
import io.imlab.cookbook.spec.SpecDocument;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.cookbook.spec.SpecProblem;
import io.imlab.cookbook.spec.SpecValidationException;
import io.imlab.operators.crd.AblationGrid;
import io.imlab.operators.crd.AblationGridSpec;
import io.imlab.operators.crd.Experiment;
import io.imlab.operators.crd.ExperimentResourceSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a custom resource's spec into the experiment or grid it describes, by the same rules as a spec file: the
 * spec is rendered back to the document it mirrors and given to {@link SpecLoader}, which fills the defaults,
 * checks shapes and ranges, and expands the grid, reporting every problem with its field path. The API server's
 * schema catches only part of this (no cross-field rules, no grid expansion), so the operator never relies on it.
 */
public final class ResourceSpecs {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ResourceSpecs() {
    }

    /** The experiment an {@link Experiment} describes; its name defaults to the resource's name. */
    public static SpecCheck<ExperimentDocument> experiment(Experiment resource) {
        ExperimentResourceSpec spec = resource.getSpec() == null ? new ExperimentResourceSpec() : resource.getSpec();
        SpecCheck<SpecDocument> check = load(spec, resource.getMetadata().getName());
        if (check.valid() && !(check.document() instanceof ExperimentDocument)) {
            // Unreachable through the CRD (ExperimentResourceSpec has no grid field), kept for a clear message.
            return new SpecCheck<>(null, List.of(new SpecProblem("grid", "an Experiment cannot hold a grid; use an"
                    + " AblationGrid")), check.hash());
        }
        return new SpecCheck<>((ExperimentDocument) check.document(), check.problems(), check.hash());
    }

    /** The grid an {@link AblationGrid} describes; its base experiment's name defaults to the resource's name. */
    public static SpecCheck<GridDocument> grid(AblationGrid resource) {
        AblationGridSpec spec = resource.getSpec() == null ? new AblationGridSpec() : resource.getSpec();
        SpecCheck<SpecDocument> check = load(spec, resource.getMetadata().getName());
        if (spec.getGrid() == null) {
            // Without a grid section the loader sees one experiment; report the missing grid with its other problems.
            List<SpecProblem> problems = new ArrayList<>(check.problems());
            problems.add(new SpecProblem("grid", "is required: an AblationGrid names at least one factor, e.g."
                    + " recipe.cotShare: [0, 0.01]"));
            return new SpecCheck<>(null, problems, check.hash());
        }
        return new SpecCheck<>((GridDocument) check.document(), check.problems(), check.hash());
    }

    private static SpecCheck<SpecDocument> load(ExperimentResourceSpec spec, String resourceName) {
        String document;
        try {
            // JSON is YAML, and the loader reads YAML: the resource's spec goes through exactly the file path.
            document = JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a custom resource spec always renders as JSON", e);
        }
        try {
            SpecDocument loaded = SpecLoader.parse(document, resourceName);
            Object meaning = loaded instanceof GridDocument grid ? grid.grid() : ((ExperimentDocument) loaded).experiment();
            return new SpecCheck<>(loaded, List.of(), ContentHash.of(meaning));
        } catch (SpecValidationException e) {
            return new SpecCheck<>(null, e.problems(), ContentHash.of(spec));
        }
    }
}
