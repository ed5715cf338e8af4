package io.imlab.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.imlab.activities.launch.k8s.KubernetesPermissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart passes {@code helm lint --strict} and renders secure, credential-free objects (helm-java, Helm 3.21). */
class HelmChartIT {

    private static final Map<String, Object> EVERYTHING_ON = Map.of(
            "operator.enabled", true,
            "metrics.serviceMonitor.enabled", true,
            "metrics.prometheusRule.enabled", true,
            "temporal.tls.enabled", true,
            "temporal.tls.existingSecret", "temporal-client-tls");

    @Test
    void lintsStrictly() {
        LintResult result = new Helm(RepoFiles.chart()).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void defaultsRenderTheWorkerWithoutTheOperatorOrPrometheusOperatorObjects() {
        RenderedChart chart = RenderedChart.render(Map.of());

        assertThat(chart.ofKind("Deployment")).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactly("imlab-worker");
        assertThat(chart.ofKind("ServiceMonitor")).isEmpty();
        assertThat(chart.ofKind("PrometheusRule")).isEmpty();
        assertThat(chart.ofKind("ServiceAccount")).hasSize(1);
        assertThat(chart.ofKind("Service")).hasSize(1);
        assertThat(chart.ofKind("NetworkPolicy")).hasSize(1);
        assertThat(chart.ofKind("ConfigMap")).hasSize(1);
    }

    @Test
    void everyPodRunsNonRootReadOnlyWithoutPrivilegesAndWithScratchSpace() {
        RenderedChart chart = RenderedChart.render(EVERYTHING_ON);
        List<JsonNode> deployments = chart.ofKind("Deployment");
        assertThat(deployments).hasSize(2);

        for (JsonNode deployment : deployments) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText())
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.path("volumes").toString()).contains("\"emptyDir\"");
            for (JsonNode container : pod.path("containers")) {
                JsonNode sc = container.path("securityContext");
                assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean()).isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).isFalse();
                assertThat(sc.path("privileged").asBoolean()).isFalse();
                assertThat(sc.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
                assertThat(sc.path("capabilities").has("add")).isFalse();
                assertThat(container.path("volumeMounts").toString()).contains("\"mountPath\":\"/tmp\"");
            }
        }
    }

    @Test
    void workerGetsItsSettingsFromValuesAndCredentialsOnlyFromTheExistingSecret() {
        RenderedChart chart = RenderedChart.render(Map.of(
                "s3.credentials.existingSecret", "team-s3",
                "s3.credentials.accessKeyKey", "AWS_ACCESS_KEY_ID",
                "s3.credentials.secretKeyKey", "AWS_SECRET_ACCESS_KEY",
                "s3.endpoint", "https://s3.example.org",
                "temporal.address", "temporal.example.org:7233"));
        JsonNode container = chart.one("Deployment").path("spec").path("template").path("spec").path("containers").get(0);

        assertThat(container.path("args").toString()).isEqualTo("[\"worker\"]");
        assertThat(env(container, "IMLAB_TEMPORAL_ADDRESS").path("value").asText()).isEqualTo("temporal.example.org:7233");
        assertThat(env(container, "IMLAB_TEMPORAL_NAMESPACE").path("value").asText()).isEqualTo("default");
        assertThat(env(container, "IMLAB_S3_ENDPOINT").path("value").asText()).isEqualTo("https://s3.example.org");
        assertThat(env(container, "IMLAB_S3_BUCKET").path("value").asText()).isEqualTo("imlab");
        assertThat(env(container, "IMLAB_METRICS_PORT").path("value").asText()).isEqualTo("9464");
        assertThat(env(container, "IMLAB_K8S_NAMESPACE").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                .isEqualTo("metadata.namespace");
        JsonNode accessKey = env(container, "IMLAB_S3_ACCESS_KEY").path("valueFrom").path("secretKeyRef");
        assertThat(accessKey.path("name").asText()).isEqualTo("team-s3");
        assertThat(accessKey.path("key").asText()).isEqualTo("AWS_ACCESS_KEY_ID");
        JsonNode secretKey = env(container, "IMLAB_S3_SECRET_KEY").path("valueFrom").path("secretKeyRef");
        assertThat(secretKey.path("name").asText()).isEqualTo("team-s3");
        assertThat(secretKey.path("key").asText()).isEqualTo("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void rendersNoSecretAndNoCredentialAsPlainValue() {
        RenderedChart chart = RenderedChart.render(EVERYTHING_ON);

        assertThat(chart.ofKind("Secret")).isEmpty();
        List<String> plaintext = new ArrayList<>();
        for (JsonNode deployment : chart.ofKind("Deployment")) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode env : container.path("env")) {
                    String name = env.path("name").asText();
                    boolean sensitive = name.matches("(?i).*(ACCESS_KEY|SECRET_KEY|PASSWORD|TOKEN)$");
                    if (sensitive && env.has("value")) {
                        plaintext.add(name);
                    }
                }
            }
        }
        assertThat(plaintext).as("credentials set as plain env values").isEmpty();
    }

    @Test
    void roleIsNamespacedAndMinimal() {
        RenderedChart chart = RenderedChart.render(Map.of());

        assertThat(chart.ofKind("ClusterRole")).isEmpty();
        assertThat(chart.ofKind("ClusterRoleBinding")).isEmpty();
        JsonNode role = chart.one("Role");
        List<String> grants = new ArrayList<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode resource : rule.path("resources")) {
                for (JsonNode verb : rule.path("verbs")) {
                    grants.add(rule.path("apiGroups").get(0).asText() + "/" + resource.asText() + ":" + verb.asText()
                            + (rule.has("resourceNames") ? rule.path("resourceNames").toString() : ""));
                }
            }
        }
        // Exactly what the launcher uses (KubernetesPermissions, kept true by KubernetesLauncherIT): no Secrets.
        assertThat(grants).containsExactlyInAnyOrderElementsOf(grantsOf(KubernetesPermissions.all()));
        JsonNode binding = chart.one("RoleBinding");
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("imlab");
        assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo(RenderedChart.NAMESPACE);
    }

    @Test
    void roleFollowsTheLauncherAndTheMultiNodeMode() {
        assertThat(roleGrants(Map.of("worker.multiNode", "indexed-job")))
                .containsExactlyInAnyOrderElementsOf(grantsOf(KubernetesPermissions.LAUNCHER));
        assertThat(roleGrants(Map.of("worker.multiNode", "jobset")))
                .containsExactlyInAnyOrderElementsOf(grantsOf(KubernetesPermissions.all()));
        assertThat(roleGrants(Map.of("worker.launcher", "local"))).isEmpty();

        JsonNode worker = RenderedChart.render(Map.of()).one("Deployment",
                d -> d.path("metadata").path("name").asText().endsWith("worker"));
        String env = worker.path("spec").path("template").path("spec").path("containers").get(0).path("env").toString();
        assertThat(env).contains("{\"name\":\"IMLAB_LAUNCHER\",\"value\":\"kubernetes\"}",
                "{\"name\":\"IMLAB_K8S_MULTI_NODE\",\"value\":\"auto\"}", "\"name\":\"IMLAB_TRAINER_IMAGE\"");
    }

    private static List<String> roleGrants(Map<String, Object> values) {
        List<String> grants = new ArrayList<>();
        for (JsonNode rule : RenderedChart.render(values).one("Role").path("rules")) {
            for (JsonNode resource : rule.path("resources")) {
                for (JsonNode verb : rule.path("verbs")) {
                    grants.add(rule.path("apiGroups").get(0).asText() + "/" + resource.asText() + ":" + verb.asText());
                }
            }
        }
        return grants;
    }

    private static List<String> grantsOf(List<KubernetesPermissions.Permission> permissions) {
        List<String> grants = new ArrayList<>();
        permissions.forEach(p -> p.verbs().forEach(v -> grants.add(p.apiGroup() + "/" + p.resource() + ":" + v)));
        return grants;
    }

    @Test
    void packagesDashboardsForGrafanasSidecarAndAlertsAsPrometheusRule() throws IOException {
        RenderedChart chart = RenderedChart.render(EVERYTHING_ON);

        JsonNode dashboards = chart.one("ConfigMap");
        assertThat(dashboards.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        ObjectMapper json = new ObjectMapper();
        for (Path source : RepoFiles.dashboards()) {
            String packaged = dashboards.path("data").path(source.getFileName().toString()).asText();
            assertThat(json.readTree(packaged)).as(source.toString()).isEqualTo(json.readTree(source.toFile()));
        }

        JsonNode rule = chart.one("PrometheusRule");
        assertThat(rule.path("spec")).isEqualTo(new YAMLMapper().readTree(Files.readString(RepoFiles.alerts())));

        JsonNode monitor = chart.one("ServiceMonitor");
        assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText()).isEqualTo("metrics");
        JsonNode service = chart.one("Service");
        assertThat(service.path("metadata").path("labels").path("app.kubernetes.io/component").asText())
                .isEqualTo("metrics");
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(9464);
    }

    @Test
    void networkPolicyAdmitsOnlyTheMetricsPort() {
        JsonNode policy = RenderedChart.render(Map.of()).one("NetworkPolicy");

        assertThat(policy.path("spec").path("policyTypes").toString()).isEqualTo("[\"Ingress\"]");
        assertThat(policy.path("spec").path("ingress")).hasSize(1);
        assertThat(policy.path("spec").path("ingress").get(0).path("ports").get(0).path("port").asText())
                .isEqualTo("metrics");
    }

    @Test
    void operatorRulesAppearOnlyWithTheOperator() {
        RenderedChart chart = RenderedChart.render(EVERYTHING_ON);

        assertThat(chart.one("Role").path("rules").toString()).contains("ablationgrids/status", "experiments");
        JsonNode operator = chart.one("Deployment",
                d -> d.path("metadata").path("name").asText().equals("imlab-operator"));
        assertThat(operator.path("spec").path("template").path("spec").path("containers").get(0).path("args").toString())
                .isEqualTo("[\"operator\"]");
    }

    @Test
    void theOperatorRoleCoversExactlyTheGeneratedCrds() throws IOException {
        RenderedChart chart = RenderedChart.render(EVERYTHING_ON);
        // Helm installs crds/ before the templates and `helm template` leaves them out, so they are read from there.
        List<JsonNode> crds = new ArrayList<>();
        try (var files = Files.list(RepoFiles.chart().resolve("crds"))) {
            for (Path file : files.sorted().toList()) {
                crds.addAll(RenderedChart.parse(Files.readString(file)));
            }
        }
        assertThat(crds).extracting(c -> c.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("ablationgrids.imlab.io", "experiments.imlab.io");

        List<String> crdResources = new ArrayList<>();
        for (JsonNode crd : crds) {
            String plural = crd.path("spec").path("names").path("plural").asText();
            crdResources.addAll(List.of(plural, plural + "/status", plural + "/finalizers"));
        }
        List<String> roleResources = new ArrayList<>();
        for (JsonNode rule : chart.one("Role").path("rules")) {
            if (rule.path("apiGroups").get(0).asText().equals(crds.get(0).path("spec").path("group").asText())) {
                rule.path("resources").forEach(r -> roleResources.add(r.asText()));
            }
        }
        // The operator (JOSDK) lists and watches the resources, patches finalizers on them and patches their status.
        assertThat(roleResources).containsExactlyInAnyOrderElementsOf(crdResources);
    }

    @Test
    void schemaRejectsInvalidValues() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("s3.credentials.existingSecret", "")))
                .hasMessageContaining("existingSecret");
        assertThatThrownBy(() -> RenderedChart.render(Map.of("securityContext.readOnlyRootFilesystem", false)))
                .hasMessageContaining("readOnlyRootFilesystem");
        assertThatThrownBy(() -> RenderedChart.render(Map.of("temporal.address", "no-port")))
                .hasMessageContaining("address");
        assertThatThrownBy(() -> RenderedChart.render(Map.of("temporal.tls.enabled", true)))
                .hasMessageContaining("temporal.tls.existingSecret is required");
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(name)) {
                return env;
            }
        }
        throw new AssertionError("no env " + name + " in " + container.path("env"));
    }
}
