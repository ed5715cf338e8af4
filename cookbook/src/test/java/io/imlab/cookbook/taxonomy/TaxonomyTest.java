package io.imlab.cookbook.taxonomy;

import io.imlab.cookbook.ingest.SharedData;
import io.imlab.cookbook.task.Collections;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxonomyTest {
    private final Taxonomy taxonomy = Taxonomy.load();

    @Test
    void baseIsSuperNaturalInstructionsSeventySixCategories() {
        assertThat(taxonomy.baseCategories()).hasSize(76).doesNotHaveDuplicates()
                .contains("Textual Entailment", "Misc.", "Question Answering");
        assertThat(taxonomy.additionalCategories()).contains("Reasoning");
    }

    @Test
    void shippedListMatchesUpstreamTaskHierarchy() throws Exception {
        Path hierarchy = SharedData.require("supernatural", "doc", "task-hierarchy.md");
        assertThat(TaskHierarchyParser.parseCategories(hierarchy)).containsExactlyElementsOf(taxonomy.baseCategories());
    }

    @Test
    void resolvesCategoriesThemselvesAndMappedTags() {
        assertThat(taxonomy.resolve(Collections.SUPER_NATURAL_INSTRUCTIONS, "Textual Entailment")).contains("Textual Entailment");
        assertThat(taxonomy.resolve(Collections.PROMPTSOURCE, "super_glue/copa")).contains("Cause Effect Classification");
        assertThat(taxonomy.resolve(Collections.FLAN, "natural language inference")).contains("Textual Entailment");
        assertThat(taxonomy.resolve(Collections.REASONING, "gsm8k")).contains("Reasoning");
        assertThat(taxonomy.resolve(Collections.PROMPTSOURCE, "no_such_dataset")).isEmpty();
        // A tag of one collection means nothing in another.
        assertThat(taxonomy.resolve(Collections.SUPER_NATURAL_INSTRUCTIONS, "super_glue/copa")).isEmpty();
    }

    @Test
    void everySharedPromptSourceDatasetHasACategory() throws Exception {
        Path templates = SharedData.require("promptsource", "templates");
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("templates.yaml")).toList()) {
                String tag = templates.relativize(file.getParent()).toString();
                String dataset = tag.contains("/") ? tag.substring(0, tag.indexOf('/')) : tag;
                if (taxonomy.resolve(Collections.PROMPTSOURCE, tag).isEmpty() && taxonomy.resolve(Collections.PROMPTSOURCE, dataset).isEmpty()) {
                    unknown.add(tag);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void everyFlanClusterOutsideSuperNaturalInstructionsHasACategory() throws Exception {
        Path csv = SharedData.require("flan", "flan_collection_info.csv");
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            List<String> fields = csvFields(line);
            if (fields.get(0).equals("NIv2")) {
                continue;   // the NIv2 rows are SuperNI itself, ingested from SuperNI files
            }
            checked++;
            if (taxonomy.resolve(Collections.FLAN, fields.get(3)).isEmpty()) {
                unknown.add(fields.get(3));
            }
        }
        assertThat(checked).isEqualTo(1945 - 1556);
        assertThat(unknown).isEmpty();
    }

    @Test
    void aMapTargetThatIsNoCategoryFailsListingEveryOne() {
        String yaml = """
                collections:
                  promptsource:
                    imdb: Sentiment Analysis
                    foo: Not A Category
                  flan:
                    bar: Also Not One
                """;
        assertThatThrownBy(() -> Taxonomy.of(taxonomy.baseCategories(), new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test-map.yaml"))
                .isInstanceOf(InvalidTaxonomyException.class)
                .hasMessageContaining("2 problems")
                .hasMessageContaining("test-map.yaml: collections.promptsource.foo: 'Not A Category' is not a category")
                .hasMessageContaining("test-map.yaml: collections.flan.bar: 'Also Not One' is not a category");
    }

    @Test
    void resolverRecordsEveryUnknownTagBeforeFailing() {
        CategoryResolver resolver = new CategoryResolver(taxonomy);
        resolver.resolve(Collections.FLAN, "Summarization", "a.yaml", "category");
        resolver.resolve(Collections.FLAN, "Made Up", "b.yaml", "category");
        resolver.resolve(Collections.CROSSFIT, "also/made up", "c.yaml", "category");
        assertThatThrownBy(resolver::failOnUnknownTags)
                .isInstanceOf(UnknownCategoryException.class)
                .satisfies(e -> assertThat(((UnknownCategoryException) e).unknownTags())
                        .extracting(UnknownTag::tag).containsExactly("Made Up", "also/made up"));
    }

    /** Splits one CSV line with double-quoted fields. */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
