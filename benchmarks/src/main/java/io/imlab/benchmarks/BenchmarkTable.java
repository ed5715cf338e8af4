package io.imlab.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Prints the JMH results of {@link MixturePipelineBenchmark} (JSON) as a table with the pipeline/tokenizer ratio. */
public final class BenchmarkTable {
    private BenchmarkTable() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Map<String, double[]> byTokenizer = new LinkedHashMap<>();
        for (JsonNode result : results) {
            String tokenizer = result.at("/params/tokenizer").asText();
            String method = result.get("benchmark").asText().replaceAll(".*\\.", "");
            double score = result.at("/primaryMetric/score").asDouble();
            double error = result.at("/primaryMetric/scoreError").asDouble();
            double[] row = byTokenizer.computeIfAbsent(tokenizer, t -> new double[4]);
            if (method.equals("tokenizeOnly")) {
                row[0] = score;
                row[1] = error;
            } else {
                row[2] = score;
                row[3] = error;
            }
        }
        int examples = MixtureWorkload.EXAMPLES;
        System.out.printf(Locale.ROOT, "%-9s %24s %24s %16s%n", "tokenizer", "tokenizer only (ex/s)", "pipeline (ex/s)", "ratio");
        byTokenizer.forEach((tokenizer, row) -> {
            double ratio = row[2] / row[0];
            // JMH's errors are 99.9% confidence half-widths; relative errors of a quotient add in quadrature.
            double ratioError = ratio * Math.hypot(row[1] / row[0], row[3] / row[2]);
            System.out.printf(Locale.ROOT, "%-9s %14.0f ± %7.0f %14.0f ± %7.0f %7.1f%% ± %4.1f%n", tokenizer,
                    row[0] * examples, row[1] * examples, row[2] * examples, row[3] * examples, 100 * ratio, 100 * ratioError);
        });
    }
}
