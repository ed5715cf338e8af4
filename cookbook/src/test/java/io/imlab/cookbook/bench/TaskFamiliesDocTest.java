package io.imlab.cookbook.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TaskFamiliesDocTest {

    @Test
    void committedPageMatchesTheCatalogue() throws IOException {
        Path page = repoRoot().resolve("docs/task-families.md");
        String fresh = TaskFamiliesDoc.render();
        if (Boolean.getBoolean("imlab.regenerateDocs")) {
            Files.createDirectories(page.getParent());
            Files.writeString(page, fresh, StandardCharsets.UTF_8);
        }
        assertThat(page).as("docs/task-families.md is missing; run: " + TaskFamiliesDoc.REGENERATE).exists();
        assertThat(Files.readString(page, StandardCharsets.UTF_8))
                .as("docs/task-families.md is stale; run: " + TaskFamiliesDoc.REGENERATE)
                .isEqualTo(fresh);
    }

    @Test
    void pageDocumentsEveryFamily() {
        String page = TaskFamiliesDoc.render();
        for (TaskFamily family : TaskFamilies.all()) {
            assertThat(page).contains("#### `" + family.id() + "`", family.rule(), family.category());
        }
    }

    private static Path repoRoot() {
        String root = System.getProperty("imlab.repo.root");
        return root != null ? Path.of(root) : Path.of("..");
    }
}
