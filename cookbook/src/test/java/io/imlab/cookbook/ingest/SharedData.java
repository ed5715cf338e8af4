package io.imlab.cookbook.ingest;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code shared/data} (system property {@code imlab.shared.data}); tests skip when it is absent. */
public final class SharedData {
    private SharedData() {
    }

    /** The shared data folder, or a skipped test with the reason. */
    public static Path require(String... sub) {
        String configured = System.getProperty("imlab.shared.data");
        Assumptions.assumeTrue(configured != null && !configured.isBlank(),
                "system property imlab.shared.data is not set: skipping the test on the real collections");
        Path folder = Path.of(configured, sub);
        Assumptions.assumeTrue(Files.exists(folder), "shared data not found at " + folder + ": skipping the test on the real collections");
        return folder;
    }
}
