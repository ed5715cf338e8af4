package io.imlab.cookbook.leakage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The n-gram overlap report (OPT-IML §2.3): every (train, eval) pair where more than {@code threshold} of the
 * eval task's instances share an n-gram with the train task. The paper examined every such pair by hand and
 * removed the train or the eval task in confirmed cases; this report is the list to examine.
 *
 * @param ngram          n (13 in the paper)
 * @param threshold      the flagged fraction (0.01 in the paper); a pair is flagged when its fraction is above it
 * @param trainTasks     train tasks checked
 * @param evalTasks      eval tasks indexed
 * @param evalInstances  eval instances checked
 * @param indexedNgrams  distinct n-gram hashes of the eval tasks
 * @param flagged        flagged pairs, by eval task then decreasing fraction
 */
public record LeakageReport(int ngram, double threshold, int trainTasks, int evalTasks, long evalInstances,
        long indexedNgrams, List<FlaggedPair> flagged) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LeakageReport {
        flagged = List.copyOf(flagged);
    }

    /** The report as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}. */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    /** Reads a report written by {@link #write}. */
    public static LeakageReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), LeakageReport.class);
    }
}
