package io.imlab.cookbook.spec;

import java.util.List;

import static io.imlab.cookbook.spec.FieldKind.BOOLEAN;
import static io.imlab.cookbook.spec.FieldKind.INTEGER;
import static io.imlab.cookbook.spec.FieldKind.INTEGER_MAP;
import static io.imlab.cookbook.spec.FieldKind.LONG;
import static io.imlab.cookbook.spec.FieldKind.NUMBER;
import static io.imlab.cookbook.spec.FieldKind.SECTION_LIST;
import static io.imlab.cookbook.spec.FieldKind.SHARE_MAP;
import static io.imlab.cookbook.spec.FieldKind.TEXT;
import static io.imlab.cookbook.spec.FieldKind.TEXT_LIST;
import static io.imlab.cookbook.spec.SpecField.leaf;
import static io.imlab.cookbook.spec.SpecField.section;
import static io.imlab.cookbook.spec.SpecField.sectionList;

/**
 * The YAML shape of an experiment, mirroring the spec records field by field. Kept by hand (rather
 * than derived from the records) so that the type named in an error message is the one a user
 * writes: {@code an integer}, not {@code int}. {@code SpecSchemaTest} proves it matches the records.
 */
final class SpecSchema {
    static final String GRID = "grid";
    static final String GRID_FACTORS = "factors";
    static final String GRID_MAX_PARALLEL = "maxParallel";
    static final String GRID_CELLS = "cells";
    static final String GRID_NODES = "nodes";
    static final String GRID_GPUS_PER_NODE = "gpusPerNode";
    static final String GRID_GPU_BUDGET = "gpuBudget";

    static final SpecField EXPERIMENT = section("", List.of(
            leaf("name", TEXT),
            section("bench", List.of(
                    leaf("source", TEXT),
                    leaf("seed", LONG),
                    leaf("tasksPerFamily", INTEGER),
                    leaf("instancesPerTask", INTEGER),
                    leaf("dataRoot", TEXT),
                    section("collections", List.of(
                            section("supernatural", List.of(leaf("tasks", TEXT))),
                            sectionList("promptsource", List.of(
                                    leaf("templates", TEXT),
                                    leaf("rows", TEXT),
                                    leaf("originalTaskOnly", BOOLEAN))),
                            leaf("seq2seq", TEXT_LIST),
                            leaf("cot", TEXT_LIST),
                            leaf("cotAsTasks", BOOLEAN),
                            section("pools", List.of(
                                    leaf("dialogue", TEXT_LIST),
                                    leaf("plainText", TEXT_LIST))))),
                    leaf("taxonomy", TEXT),
                    leaf("maxInstancesPerTask", INTEGER),
                    leaf("maxInstancesPerTaskByCollection", INTEGER_MAP))),
            section("splits", List.of(
                    leaf("seed", LONG),
                    leaf("heldOutCategories", TEXT_LIST),
                    leaf("partiallyHeldOutCategories", TEXT_LIST),
                    leaf("heldOutTasksPerCategory", INTEGER),
                    leaf("heldOutInstanceFraction", NUMBER),
                    leaf("maxEvalInstancesPerTask", INTEGER),
                    leaf("testCategories", TEXT_LIST),
                    leaf("testFraction", NUMBER),
                    leaf("maxTestInstancesPerTask", INTEGER))),
            section("recipe", List.of(
                    leaf("seed", LONG),
                    leaf("taskCap", INTEGER),
                    leaf("collectionShares", SHARE_MAP),
                    leaf("cotShare", NUMBER),
                    leaf("dialogueShare", NUMBER),
                    leaf("plainTextShare", NUMBER),
                    leaf("sequenceLength", INTEGER),
                    leaf("sequences", INTEGER),
                    leaf("collectionCaps", INTEGER_MAP),
                    leaf("equalCategories", BOOLEAN),
                    leaf("temperature", NUMBER),
                    section("subset", List.of(
                            leaf("seed", LONG),
                            leaf("tasks", INTEGER),
                            leaf("categories", INTEGER),
                            leaf("alwaysCategories", TEXT_LIST),
                            leaf("onlyTasks", TEXT_LIST))),
                    section("metaIcl", List.of(
                            leaf("maxShots", INTEGER),
                            leaf("zipfA", NUMBER),
                            leaf("lossOnDemonstrations", BOOLEAN))),
                    leaf("tokens", LONG),
                    section("tokenizer", List.of(
                            leaf("kind", TEXT),
                            leaf("vocab", TEXT),
                            leaf("merges", TEXT),
                            leaf("file", TEXT))))),
            section("model", List.of(
                    leaf("preset", TEXT),
                    leaf("layers", INTEGER),
                    leaf("dModel", INTEGER),
                    leaf("heads", INTEGER),
                    leaf("dropout", NUMBER))),
            section("training", List.of(
                    leaf("seed", LONG),
                    leaf("steps", INTEGER),
                    leaf("batchSize", INTEGER),
                    leaf("learningRate", NUMBER),
                    leaf("warmupSteps", INTEGER),
                    leaf("gradientClip", NUMBER),
                    leaf("checkpointEvery", INTEGER))),
            section("evaluation", List.of(
                    leaf("shots", INTEGER),
                    leaf("maxInstancesPerTask", INTEGER),
                    leaf("maxNewTokens", INTEGER),
                    leaf("demonstrations", TEXT),
                    leaf("lengthNormalized", BOOLEAN),
                    leaf("seed", LONG),
                    leaf("bootstrapSamples", INTEGER),
                    leaf("diagnosticInstancesPerTask", INTEGER),
                    leaf("sensitivityVariants", INTEGER),
                    leaf("base", TEXT),
                    leaf("responsesUri", TEXT),
                    leaf("split", TEXT)))));

    private SpecSchema() {
    }
}
