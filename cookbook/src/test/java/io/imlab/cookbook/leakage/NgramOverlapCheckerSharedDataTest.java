package io.imlab.cookbook.leakage;

import io.imlab.cookbook.ingest.SharedData;
import io.imlab.cookbook.ingest.SuperNaturalInstructionsReader;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.taxonomy.CategoryResolver;
import io.imlab.cookbook.taxonomy.Taxonomy;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

class NgramOverlapCheckerSharedDataTest {
    @Test
    void scratch() throws Exception {
        Path root = SharedData.require("supernatural");
        Set<String> test = new HashSet<>(Files.readAllLines(root.resolve("splits/default/test_tasks.txt")).stream().map(String::strip).toList());
        List<Task> all = new SuperNaturalInstructionsReader(new CategoryResolver(Taxonomy.load())).readFolder(root.resolve("tasks"));
        List<Task> train = new ArrayList<>();
        List<Task> eval = new ArrayList<>();
        for (Task t : all) {
            (test.contains(t.name()) ? eval : train).add(t);
        }
        long t0 = System.nanoTime();
        LeakageReport report = NgramOverlapChecker.check(train, eval);
        System.out.println("ms " + (System.nanoTime() - t0) / 1e6);
        System.out.println(report.toJson());
        t0 = System.nanoTime();
        LeakageReport all2 = NgramOverlapChecker.check(all, all);
        System.out.println("all-vs-all ms " + (System.nanoTime() - t0) / 1e6 + " flagged " + all2.flagged().size());
        all2.flagged().stream().filter(p -> p.fraction() > 0.2).forEach(System.out::println);
    }
}
