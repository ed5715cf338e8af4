package io.imlab.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Helm can only read files inside the chart, so the chart packages copies of {@code dashboards/}; they must be
 * byte-identical to the source. {@code -Dimlab.regenerate=true} copies them.
 */
class ChartFilesDriftTest {

    static final String COPY_COMMAND = "cp dashboards/*.json charts/imlab/files/dashboards/ && "
            + "cp dashboards/alerts.yaml charts/imlab/files/alerts.yaml   (or: ./mvnw -o -q -pl charts -am test "
            + "-Dtest=ChartFilesDriftTest -Dsurefire.failIfNoSpecifiedTests=false -Dimlab.regenerate=true)";

    @Test
    void chartCopiesMatchTheDashboardsFolder() throws IOException {
        Path files = RepoFiles.chart().resolve("files");
        List<Path[]> pairs = new ArrayList<>();
        RepoFiles.dashboards().forEach(d -> pairs.add(new Path[] {d, files.resolve("dashboards").resolve(d.getFileName())}));
        pairs.add(new Path[] {RepoFiles.alerts(), files.resolve("alerts.yaml")});

        if (RepoFiles.regenerate()) {
            Files.createDirectories(files.resolve("dashboards"));
            try (Stream<Path> stale = Files.list(files.resolve("dashboards"))) {
                for (Path p : stale.toList()) {
                    Files.delete(p);
                }
            }
            for (Path[] pair : pairs) {
                Files.copy(pair[0], pair[1], StandardCopyOption.REPLACE_EXISTING);
            }
        }

        List<String> drift = new ArrayList<>();
        for (Path[] pair : pairs) {
            if (!Files.exists(pair[1]) || Files.mismatch(pair[0], pair[1]) != -1) {
                drift.add(RepoFiles.root().relativize(pair[1]) + " differs from " + RepoFiles.root().relativize(pair[0]));
            }
        }
        try (Stream<Path> packaged = Files.list(files.resolve("dashboards"))) {
            packaged.filter(p -> pairs.stream().noneMatch(pair -> pair[1].equals(p)))
                    .forEach(p -> drift.add(RepoFiles.root().relativize(p) + " has no source in dashboards/"));
        }
        assertThat(drift).withFailMessage("chart copies drifted: %s%nCopy them with:%n  %s", drift, COPY_COMMAND)
                .isEmpty();
    }
}
