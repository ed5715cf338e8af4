package io.imlab.cookbook.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which benchmark to build.
 *
 * @param source                          {@value #MINI} for the built-in generator, {@value #COLLECTIONS} for
 *                                        the real collections named in {@code collections}
 * @param seed                            generator seed; for real collections, the seed of the per-task caps' samples
 * @param tasksPerFamily                  {@code mini}: task variants the generator makes of each task family
 * @param instancesPerTask                {@code mini}: instances generated per task
 * @param dataRoot                        folder that relative collection paths resolve against; relative itself
 *                                        to the spec file's folder; unset means the spec file's folder
 * @param collections                     {@code collections}: the files to ingest, by collection
 * @param taxonomy                        optional category-map YAML replacing the shipped one (SuperNI's 76
 *                                        categories stay the base); resolved like the collection paths
 * @param maxInstancesPerTask             cap on every task's instances, by a seeded random sample (OPT-IML §2.2: 100k)
 * @param maxInstancesPerTaskByCollection per-collection caps overriding {@code maxInstancesPerTask} (FLAN: 30k)
 */
public record BenchSpec(String source, long seed, int tasksPerFamily, int instancesPerTask, String dataRoot,
                        BenchCollectionsSpec collections, String taxonomy, int maxInstancesPerTask,
                        Map<String, Integer> maxInstancesPerTaskByCollection) {
    /** The built-in procedural mini benchmark. */
    public static final String MINI = "mini";
    /** The real collections, read from their published formats. */
    public static final String COLLECTIONS = "collections";
    /** At most 100k examples per task (OPT-IML §2.2, following Wei et al. 2022). */
    public static final int PAPER_MAX_INSTANCES_PER_TASK = 100_000;
    /** FLAN's tasks are capped at 30k (OPT-IML §2.2). */
    public static final int PAPER_MAX_FLAN_INSTANCES_PER_TASK = 30_000;

    @JsonCreator
    public BenchSpec {
        collections = collections == null ? BenchCollectionsSpec.none() : collections;
        maxInstancesPerTaskByCollection = maxInstancesPerTaskByCollection == null
                ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(maxInstancesPerTaskByCollection));
    }

    /** A mini bench with the paper's caps and no collections. */
    public BenchSpec(String source, long seed, int tasksPerFamily, int instancesPerTask) {
        this(source, seed, tasksPerFamily, instancesPerTask, null, BenchCollectionsSpec.none(), null,
                PAPER_MAX_INSTANCES_PER_TASK, Map.of("flan", PAPER_MAX_FLAN_INSTANCES_PER_TASK));
    }

    public static BenchSpec defaults() {
        return new BenchSpec(MINI, 7, 3, 300);
    }

    /** The cap for a task of {@code collection}. */
    public int maxInstancesFor(String collection) {
        return maxInstancesPerTaskByCollection.getOrDefault(collection, maxInstancesPerTask);
    }

    /** This spec with another {@code dataRoot}. */
    public BenchSpec withDataRoot(String root) {
        return new BenchSpec(source, seed, tasksPerFamily, instancesPerTask, root, collections, taxonomy,
                maxInstancesPerTask, maxInstancesPerTaskByCollection);
    }
}
