package io.imlab.cookbook.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code requests.jsonl} and {@code responses.jsonl}: one JSON object per line, UTF-8.
 * The format is documented in {@code docs/evaluation.md}.
 */
public final class EvalRequestFiles {
    public static final String REQUESTS_FILE = "requests.jsonl";
    public static final String RESPONSES_FILE = "responses.jsonl";
    // An engine may add fields of its own (timings, token counts); they are ignored.
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EvalRequestFiles() {
    }

    public static void writeRequests(Path file, Collection<EvalRequest> requests) {
        writeLines(file, requests);
    }

    public static void writeResponses(Path file, Collection<EvalResponse> responses) {
        writeLines(file, responses);
    }

    public static List<EvalRequest> readRequests(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readLines(in, EvalRequest.class, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Responses by request id; a later line for the same id replaces an earlier one. */
    public static Map<String, EvalResponse> readResponses(InputStream in, String source) {
        Map<String, EvalResponse> byId = new LinkedHashMap<>();
        for (EvalResponse response : readLines(in, EvalResponse.class, source)) {
            byId.put(response.id(), response);
        }
        return byId;
    }

    public static Map<String, EvalResponse> readResponses(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readResponses(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void writeLines(Path file, Collection<?> values) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Object value : values) {
                out.write(JSON.writeValueAsString(value));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static <T> List<T> readLines(InputStream in, Class<T> type, String source) {
        List<T> values = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    values.add(JSON.readValue(line, type));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + " line " + number + ": not a valid "
                            + type.getSimpleName() + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        return values;
    }
}
