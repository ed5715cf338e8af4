package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * The spec of an {@link Experiment}: exactly the keys of an experiment spec file ({@code docs/spec-reference.md}),
 * so a YAML file's content can be pasted under {@code spec:}. Every section and field is optional and takes the
 * spec loader's default; the operator validates the whole spec with the loader's rules before anything runs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExperimentResourceSpec {
    @JsonPropertyDescription("Experiment name, 1-200 of A-Z a-z 0-9 . _ - = , starting with a letter or digit."
            + " Default: the resource's name.")
    @Pattern("^[A-Za-z0-9][A-Za-z0-9._=,-]{0,199}$")
    private String name;
    @JsonPropertyDescription("Which benchmark to build.")
    private BenchSection bench;
    @JsonPropertyDescription("The three generalization levels (OPT-IML §2.3).")
    private SplitsSection splits;
    @JsonPropertyDescription("The training mixture (OPT-IML §3-4).")
    private RecipeSection recipe;
    @JsonPropertyDescription("Decoder-only transformer dimensions.")
    private ModelSection model;
    @JsonPropertyDescription("Optimization (OPT-IML §3.3).")
    private TrainingSection training;
    @JsonPropertyDescription("Evaluation protocol (OPT-IML §4.1).")
    private EvaluationSection evaluation;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public BenchSection getBench() {
        return bench;
    }

    public void setBench(BenchSection bench) {
        this.bench = bench;
    }

    public SplitsSection getSplits() {
        return splits;
    }

    public void setSplits(SplitsSection splits) {
        this.splits = splits;
    }

    public RecipeSection getRecipe() {
        return recipe;
    }

    public void setRecipe(RecipeSection recipe) {
        this.recipe = recipe;
    }

    public ModelSection getModel() {
        return model;
    }

    public void setModel(ModelSection model) {
        this.model = model;
    }

    public TrainingSection getTraining() {
        return training;
    }

    public void setTraining(TrainingSection training) {
        this.training = training;
    }

    public EvaluationSection getEvaluation() {
        return evaluation;
    }

    public void setEvaluation(EvaluationSection evaluation) {
        this.evaluation = evaluation;
    }
}
