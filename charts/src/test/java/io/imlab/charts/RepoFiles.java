package io.imlab.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the repository's operations files, resolved from the {@code imlab.repo.root} system property. */
final class RepoFiles {

    private RepoFiles() {
    }

    static Path root() {
        return Path.of(System.getProperty("imlab.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path dashboardsDir() {
        return root().resolve("dashboards");
    }

    static Path alerts() {
        return dashboardsDir().resolve("alerts.yaml");
    }

    static Path alertsTest() {
        return dashboardsDir().resolve("alerts-test.yaml");
    }

    static Path chart() {
        return root().resolve("charts/imlab");
    }

    static Path manifest() {
        return root().resolve("manifests/imlab.yaml");
    }

    /** The Grafana dashboards, sorted by file name. */
    static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(dashboardsDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean regenerate() {
        return Boolean.getBoolean("imlab.regenerate");
    }
}
