package io.imlab.cookbook.ingest;

import io.imlab.cookbook.taxonomy.CategoryResolver;
import io.imlab.cookbook.taxonomy.Taxonomy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

class PromptSourceReaderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest/promptsource");

    @Test
    void scratch() {
        Path templates = SharedData.require("promptsource", "templates");
        Map<String, String> datasets = Map.of("super_glue/rte", "super_glue_rte", "super_glue/copa", "super_glue_copa", "piqa", "piqa",
                "common_gen", "common_gen", "squad", "squad", "trec", "trec", "hellaswag", "hellaswag", "story_cloze/2016", "story_cloze");
        datasets.forEach((dir, rows) -> {
            var result = new PromptSourceReader(new CategoryResolver(Taxonomy.load()), false)
                    .read(templates.resolve(dir).resolve("templates.yaml"), FIXTURES.resolve(rows + ".jsonl"));
            System.out.println(result.task().name() + " " + result.task().category() + " " + result.task().metric() + " instances=" + result.task().instances().size());
            result.report().templates().forEach(t -> System.out.println("   " + t));
            result.task().instances().stream().limit(2).forEach(i -> System.out.println("   >> " + i));
        });
    }
}
