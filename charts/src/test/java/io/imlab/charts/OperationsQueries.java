package io.imlab.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every PromQL expression of the dashboards and alert rules, with where it comes from. */
final class OperationsQueries {

    /**
     * One expression.
     *
     * @param where       file and panel or rule, for failure messages
     * @param expression  the PromQL (or Grafana variable query)
     * @param description the panel's description ("" for alerts and variables)
     */
    record Query(String where, String expression, String description) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private OperationsQueries() {
    }

    static List<Query> dashboardQueries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : RepoFiles.dashboards()) {
            JsonNode dashboard = read(JSON, file);
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("type").asText().equals("query")) {
                    queries.add(new Query(file.getFileName() + " variable " + variable.path("name").asText(),
                            variable.path("definition").asText(), ""));
                }
            }
            collectPanels(file.getFileName().toString(), dashboard.path("panels"), queries);
        }
        return queries;
    }

    private static void collectPanels(String file, JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(file + " panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.path("expr").asText(), panel.path("description").asText("")));
            }
            collectPanels(file, panel.path("panels"), queries);
        }
    }

    static List<Query> alertQueries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode group : read(YAML, RepoFiles.alerts()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                queries.add(new Query("alerts.yaml rule " + name, rule.path("expr").asText(), ""));
            }
        }
        return queries;
    }

    static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
