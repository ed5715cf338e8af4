package io.imlab.cookbook.bench;

import java.nio.file.Path;

/** Progress of a {@link BenchBuilder} build, for a terminal or an activity heartbeat. */
public interface BenchBuildListener {
    /** Ignores all progress. */
    BenchBuildListener SILENT = new BenchBuildListener() {
        @Override
        public void step(String description) {
        }

        @Override
        public void ingested(int done, int total, Path file, long superNiInstances) {
        }
    };

    /** A build step begins, e.g. "splitting 120 tasks …". */
    void step(String description);

    /**
     * One input file has been read.
     *
     * @param done              files read so far
     * @param total             files to read
     * @param file              the file just read
     * @param superNiInstances  Super-NaturalInstructions instances read so far
     */
    void ingested(int done, int total, Path file, long superNiInstances);
}
