package io.uplink.localstack.kubernetes;

import io.uplink.localstack.RepositoryRoot;
import io.uplink.localstack.compose.SpringPlaceholders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.uplink.localstack.compose.ComposeFile.list;
import static io.uplink.localstack.compose.ComposeFile.map;
import static io.uplink.localstack.kubernetes.Kustomize.containers;
import static io.uplink.localstack.kubernetes.Kustomize.kind;
import static io.uplink.localstack.kubernetes.Kustomize.name;
import static io.uplink.localstack.kubernetes.Kustomize.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No kubectl runs where this project is built, so infra/kubernetes is rendered by {@link Kustomize} (base and each
 * overlay) and checked against what the services actually read: their application.yml, as the compose test does.
 * Each check is a function from rendered manifests to problems; the *_broken tests run it on a copy of
 * infra/kubernetes with one deliberate mistake and expect it to be reported, so no check passes vacuously.
 */
class KubernetesManifestsTest {

    private static final List<String> APPLICATIONS =
            List.of("gateway-service", "credential-service", "metadata-service", "callback-service", "console-service");
    /** Deployments whose load is CPU-bound request handling; metadata-service scales by Kafka partitions. */
    private static final Set<String> AUTOSCALED = Set.of("gateway-service", "credential-service", "callback-service",
            "console-service");
    private static final String SECRET_NAME = "uplink-secrets";
    /** The keys of the Secret the operator creates (infra/kubernetes/README.md). */
    private static final Set<String> SECRET_KEYS = Set.of("gateway-identity-private-key", "gateway-identity-public-key",
            "credential-identity-private-key", "credential-identity-public-key", "db-password", "s3-access-key",
            "s3-secret-key", "first-admin-key", "callback-secret-encryption-keys");
    /** Environment variables that carry secrets. */
    private static final Pattern SECRET = Pattern.compile("SECRET|PASSWORD|ACCESS_KEY|ADMIN_KEY|PRIVATE_KEY|TOKEN|CREDENTIALS");
    private static final Set<String> CHECKED_KINDS =
            Set.of("Deployment", "Service", "ConfigMap", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Ingress");
    /**
     * Empty-default placeholders that switch off an optional feature: malware scanning (no clamd), OIDC (at the gateway and the console's sign-in
     * through the provider), Alibaba OSS callbacks, private webhooks, forwarded client addresses (no trusted proxy:
     * each connection's peer is the client).
     */
    private static final Set<String> OPTIONAL = Set.of("UPLINK_OIDC_ISSUER", "UPLINK_OIDC_JWKS_URI", "UPLINK_OIDC_AUDIENCE",
            "UPLINK_OSS_CALLBACK_URL", "UPLINK_CALLBACK_ALLOWED_NETWORKS", "UPLINK_TRUSTED_PROXIES",
            "UPLINK_CONSOLE_OIDC_ISSUER", "UPLINK_CONSOLE_OIDC_CLIENT_ID", "UPLINK_CONSOLE_OIDC_CLIENT_SECRET",
            "UPLINK_CONSOLE_PUBLIC_URL", "UPLINK_CLAMD_HOST");
    private static final Map<String, Integer> REPLICAS =
            Map.of("base", 2, "overlays/production", 2, "overlays/minimal", 1);

    private static Path root;
    private static Path manifests;

    @BeforeAll
    static void locate() {
        root = RepositoryRoot.locate(Path.of(""));
        manifests = root.resolve("infra/kubernetes");
    }

    // ---- the manifests as they are -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production", "overlays/minimal"})
    void setsEveryPlaceholderThatAServiceLeavesWithoutDefaultFromTheConfigMapOrTheSecret(String variant) {
        assertThat(missingEnvironment(render(manifests, variant))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production", "overlays/minimal"})
    void takesSecretsOnlyFromSecretKeyRefsAndCommitsNoSecret(String variant) {
        assertThat(secretProblems(render(manifests, variant))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production", "overlays/minimal"})
    void everyDeploymentHasProbesResourcesADisruptionBudgetAndARestrictedSecurityContext(String variant) {
        assertThat(podProblems(render(manifests, variant))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production", "overlays/minimal"})
    void shutdownOutlastsThePreStopSleepAndSpringsGracefulShutdown(String variant) {
        assertThat(shutdownProblems(render(manifests, variant))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production", "overlays/minimal"})
    void onlyTheGatewaysPublicPortIsExposedOutsideTheCluster(String variant) {
        assertThat(exposureProblems(render(manifests, variant))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production", "overlays/minimal"})
    void containerPortsServicesAndInClusterUrlsUseThePortEachServiceListensOn(String variant) {
        assertThat(portProblems(render(manifests, variant))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production", "overlays/minimal"})
    void replicasAndAutoscalersAreAsIntendedForTheVariant(String variant) {
        assertThat(scalingProblems(render(manifests, variant), REPLICAS.get(variant))).isEmpty();
    }

    @Test
    void overlaysNameEveryImageAndPatchOnlyReplicasResourcesAutoscalingBudgetsAndTheGatewaysExposure() {
        for (String overlay : List.of("overlays/production", "overlays/minimal")) {
            Map<String, Object> kustomization = map(Kustomize.documents(manifests.resolve(overlay).resolve("kustomization.yaml")).get(0));
            assertThat(list(kustomization.get("images")).stream().map(image -> String.valueOf(map(image).get("name"))))
                    .as("%s images", overlay)
                    .containsExactlyInAnyOrderElementsOf(APPLICATIONS.stream().map(application -> "uplink/" + application).toList());
            for (Map<String, Object> deployment : ofKind(render(manifests, overlay), "Deployment")) {
                assertThat(containers(deployment)).singleElement().satisfies(container ->
                        assertThat(String.valueOf(container.get("image"))).startsWith("uplink/" + name(deployment) + ":"));
            }
            for (Object patch : list(kustomization.get("patches"))) {
                for (Map<String, Object> document : Kustomize.documents(manifests.resolve(overlay).resolve(String.valueOf(map(patch).get("path"))))) {
                    assertThat(paths(document, "")).as("%s patches %s/%s", overlay, kind(document), name(document))
                            .allMatch(path -> path.startsWith("apiVersion") || path.startsWith("kind") || path.startsWith("metadata.name")
                                    || path.matches("spec\\.template\\.spec\\.containers\\[]\\.(name|resources\\..*)")
                                    || path.matches("spec\\.(minReplicas|maxReplicas|minAvailable|maxUnavailable)")
                                    || kind(document).equals("Service") && name(document).equals("gateway-service") && path.equals("spec.type"));
                }
            }
        }
    }

    @Test
    void theBaseHoldsNoExternalDependencyAndTheExamplesConfigureLogicalReplication() throws IOException {
        assertThat(render(manifests, "base")).allSatisfy(resource -> assertThat(kind(resource)).isIn(CHECKED_KINDS));
        Map<String, Object> cluster = Kustomize.documents(manifests.resolve("examples/cloudnativepg-cluster.yaml")).get(0);
        assertThat(kind(cluster)).isEqualTo("Cluster");
        assertThat(map(map(map(cluster.get("spec")).get("postgresql")).get("parameters")).get("wal_level")).isEqualTo("logical");
        assertThat(list(map(map(cluster.get("spec")).get("managed")).get("roles"))).anySatisfy(role ->
                assertThat(map(role)).containsEntry("name", configMap(render(manifests, "base")).get("UPLINK_DB_USER"))
                        .containsEntry("replication", true));
        assertThat(Files.readString(manifests.resolve("README.md")))
                .contains("kubectl apply -k infra/kubernetes/overlays/production")
                .contains("kubectl create secret generic " + SECRET_NAME)
                .contains(SECRET_KEYS.stream().map(key -> "--from-literal=" + key + "=").toList())
                .contains("wal_level=logical");
    }

    // ---- each check reports a deliberately broken copy -----------------------------------------------------------

    @Test
    void missingEnvironment_broken(@TempDir Path copy) {
        copyManifests(copy);
        edit(copy, "base/callback-service.yaml", "- name: UPLINK_KAFKA_BOOTSTRAP", "- name: UPLINK_KAFKA_BOOTSTRAPS");
        edit(copy, "base/configmap.yaml", "  UPLINK_S3_ENDPOINT:", "  UPLINK_S3_URL:");
        edit(copy, "base/gateway-service.yaml", "key: gateway-identity-private-key", "key: identity");
        assertThat(missingEnvironment(render(copy, "overlays/production"))).contains(
                "callback-service lacks UPLINK_KAFKA_BOOTSTRAP",
                "credential-service lacks UPLINK_S3_ENDPOINT (ConfigMap uplink-config has no value for UPLINK_S3_ENDPOINT)",
                "gateway-service lacks UPLINK_IDENTITY_PRIVATE_KEY (Secret key identity is not documented)");
    }

    @Test
    void secretProblems_broken(@TempDir Path copy) throws IOException {
        copyManifests(copy);
        edit(copy, "base/metadata-service.yaml", """
                - name: UPLINK_DB_PASSWORD
                              valueFrom:
                                secretKeyRef:
                                  name: uplink-secrets
                                  key: db-password""", """
                - name: UPLINK_DB_PASSWORD
                              value: hunter2""");
        edit(copy, "base/configmap.yaml", "  UPLINK_DB_USER: uplink", "  UPLINK_DB_USER: uplink\n  UPLINK_S3_SECRET_KEY: abc");
        Files.writeString(copy.resolve("overlays/minimal/secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: uplink-secrets\nstringData:\n  gateway-identity-private-key: x\n");
        edit(copy, "overlays/minimal/kustomization.yaml", "  - ../../base\n", "  - ../../base\n  - secret.yaml\n");
        assertThat(secretProblems(render(copy, "base"))).contains(
                "metadata-service.UPLINK_DB_PASSWORD is not a secretKeyRef to uplink-secrets",
                "ConfigMap uplink-config holds a secret: UPLINK_S3_SECRET_KEY");
        assertThat(secretProblems(render(copy, "overlays/minimal"))).contains("Secret/uplink-secrets is committed");
    }

    @Test
    void podProblems_broken(@TempDir Path copy) {
        copyManifests(copy);
        edit(copy, "base/gateway-service.yaml", "              port: management\n            periodSeconds: 5\n            timeoutSeconds",
                "              port: http\n            periodSeconds: 5\n            timeoutSeconds");
        edit(copy, "base/credential-service.yaml", "startupProbe:", "startupProbeDisabled:");
        edit(copy, "base/credential-service.yaml", "            limits:\n              cpu: \"2\"\n", "            limits:\n");
        edit(copy, "base/callback-service.yaml", "runAsNonRoot: true", "runAsNonRoot: false");
        edit(copy, "base/callback-service.yaml", "drop: [\"ALL\"]", "drop: [\"NET_RAW\"]");
        edit(copy, "base/metadata-service.yaml", "kind: PodDisruptionBudget", "kind: PodDisruptionBudgetX");
        edit(copy, "overlays/minimal/kustomization.yaml", "  - path: patches/gateway-service-disruption-budget.yaml\n", "");
        edit(copy, "overlays/minimal/kustomization.yaml", "  - path: patches/metadata-service-disruption-budget.yaml\n", "");
        assertThat(podProblems(renderUnchecked(copy, "base"))).contains(
                "gateway-service readinessProbe probes port 8080, actuator is on 8090",
                "credential-service has no startupProbe",
                "credential-service lacks limits.cpu",
                "callback-service may run as root",
                "callback-service does not drop ALL capabilities",
                "metadata-service has no PodDisruptionBudget");
        assertThat(podProblems(render(copy, "overlays/minimal")))
                .contains("gateway-service's PodDisruptionBudget keeps 1 of 1 replicas: it blocks every drain");
    }

    @Test
    void shutdownProblems_broken(@TempDir Path copy) {
        copyManifests(copy);
        edit(copy, "base/metadata-service.yaml", "terminationGracePeriodSeconds: 45", "terminationGracePeriodSeconds: 30");
        edit(copy, "base/gateway-service.yaml", "command: [\"sleep\", \"10\"]", "command: [\"true\"]");
        assertThat(shutdownProblems(render(copy, "base"))).contains(
                "metadata-service: terminationGracePeriodSeconds 30 < preStop 10 s + shutdown phase 30 s",
                "gateway-service has no preStop sleep");
    }

    @Test
    void exposureProblems_broken(@TempDir Path copy) {
        copyManifests(copy);
        edit(copy, "base/callback-service.yaml", "  type: ClusterIP", "  type: NodePort");
        edit(copy, "overlays/production/ingress.yaml", "name: gateway-service", "name: metadata-service");
        edit(copy, "base/gateway-service.yaml", "      targetPort: http\n      protocol: TCP",
                "      targetPort: http\n      protocol: TCP\n    - name: management\n      port: 8090\n      targetPort: management");
        edit(copy, "overlays/minimal/patches/gateway-loadbalancer.yaml", "  name: gateway-service", "  name: credential-service");
        assertThat(exposureProblems(render(copy, "overlays/production"))).contains(
                "Service callback-service is NodePort",
                "Ingress uplink routes to metadata-service",
                "Service gateway-service exposes the management port 8090");
        assertThat(exposureProblems(render(copy, "overlays/minimal"))).contains("Service credential-service is LoadBalancer");
    }

    @Test
    void portProblems_broken(@TempDir Path copy) {
        copyManifests(copy);
        edit(copy, "base/credential-service.yaml", "containerPort: 8081", "containerPort: 8082");
        edit(copy, "base/metadata-service.yaml", "- name: PORT\n              value: \"8083\"", "- name: PORT\n              value: \"9083\"");
        edit(copy, "base/configmap.yaml", "http://callback-service:8084", "http://callback:8084");
        assertThat(portProblems(render(copy, "base"))).contains(
                "credential-service: containerPort http 8082 != PORT 8081",
                "metadata-service: PORT 9083 != application.yml's server port 8083",
                "ConfigMap UPLINK_CALLBACK_URL names no Service: callback:8084");
    }

    @Test
    void scalingProblems_broken(@TempDir Path copy) {
        copyManifests(copy);
        edit(copy, "overlays/minimal/kustomization.yaml", "  - name: callback-service\n    count: 1\n", "");
        edit(copy, "overlays/minimal/kustomization.yaml", "  - path: patches/credential-service-autoscaling.yaml\n", "");
        edit(copy, "base/gateway-service.yaml", "kind: HorizontalPodAutoscaler", "kind: HorizontalPodAutoscalerX");
        edit(copy, "overlays/minimal/kustomization.yaml", "  - path: patches/gateway-service-autoscaling.yaml\n", "");
        assertThat(scalingProblems(renderUnchecked(copy, "overlays/minimal"), 1)).contains(
                "callback-service has 2 replicas, expected 1",
                "credential-service's autoscaler starts at 2, the Deployment at 1",
                "gateway-service has no HorizontalPodAutoscaler");
    }

    // ---- checks ----------------------------------------------------------------------------------------------------

    /**
     * Placeholders without a default or with an empty one (the identity keys, S3 endpoint and keys, ...) except
     * {@link #OPTIONAL} ones, and those defaulting to localhost (in a pod, the pod itself), that a Deployment does not
     * set, or sets from a ConfigMap key or Secret key that does not exist.
     */
    static List<String> missingEnvironment(List<Map<String, Object>> resources) {
        Map<String, Object> configMap = configMap(resources);
        List<String> problems = new ArrayList<>();
        for (String application : APPLICATIONS) {
            Map<String, Map<String, Object>> env = env(deployment(resources, application));
            placeholders(application).stream()
                    .filter(SpringPlaceholders.Placeholder::isEnvironmentVariable)
                    .filter(placeholder -> placeholder.required() || placeholder.defaultValue().isBlank() && !OPTIONAL.contains(placeholder.name())
                            || placeholder.defaultValue().contains("localhost"))
                    .map(SpringPlaceholders.Placeholder::name).distinct()
                    .forEach(variable -> {
                        Map<String, Object> entry = env.get(variable);
                        Map<String, Object> from = entry == null ? Map.of() : map(entry.get("valueFrom"));
                        Map<String, Object> configRef = map(from.get("configMapKeyRef"));
                        Map<String, Object> secretRef = map(from.get("secretKeyRef"));
                        if (entry == null || entry.get("value") == null && from.isEmpty()
                                || entry.get("value") != null && String.valueOf(entry.get("value")).isBlank()) {
                            problems.add(application + " lacks " + variable);
                        } else if (!configRef.isEmpty() && (!"uplink-config".equals(configRef.get("name"))
                                || configMap.get(String.valueOf(configRef.get("key"))) == null
                                || String.valueOf(configMap.get(String.valueOf(configRef.get("key")))).isBlank())) {
                            problems.add(application + " lacks " + variable + " (ConfigMap " + configRef.get("name")
                                    + " has no value for " + configRef.get("key") + ")");
                        } else if (!secretRef.isEmpty() && (!SECRET_NAME.equals(secretRef.get("name"))
                                || !SECRET_KEYS.contains(String.valueOf(secretRef.get("key"))))) {
                            problems.add(application + " lacks " + variable + " (Secret key " + secretRef.get("key")
                                    + " is not documented)");
                        }
                    });
        }
        return problems;
    }

    /** Secret-looking variables must be secretKeyRefs to the operator's Secret; no Secret or secret value is committed. */
    static List<String> secretProblems(List<Map<String, Object>> resources) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> resource : resources) {
            if (!CHECKED_KINDS.contains(kind(resource))) {
                problems.add(kind(resource) + "/" + name(resource) + (kind(resource).equals("Secret") ? " is committed" : " is not checked by this test"));
            }
            if (kind(resource).equals("ConfigMap")) {
                map(resource.get("data")).keySet().stream().filter(key -> SECRET.matcher(key.toUpperCase()).find())
                        .forEach(key -> problems.add("ConfigMap " + name(resource) + " holds a secret: " + key));
            }
            for (Map<String, Object> container : containers(resource)) {
                if (container.get("envFrom") != null) {
                    problems.add(name(resource) + " uses envFrom; set each variable explicitly");
                }
                env(resource).forEach((variable, entry) -> {
                    Map<String, Object> secretRef = map(map(entry.get("valueFrom")).get("secretKeyRef"));
                    boolean secret = SECRET.matcher(variable).find();
                    if (secret && (entry.get("value") != null || !SECRET_NAME.equals(secretRef.get("name")))) {
                        problems.add(name(resource) + "." + variable + " is not a secretKeyRef to " + SECRET_NAME);
                    }
                });
            }
        }
        return problems;
    }

    /** Probes on the actuator port, requests and limits, a disruption budget, non-root with a read-only root. */
    static List<String> podProblems(List<Map<String, Object>> resources) {
        List<String> problems = new ArrayList<>();
        for (String application : APPLICATIONS) {
            Map<String, Object> deployment = deployment(resources, application);
            Map<String, Object> pod = podSpec(deployment);
            Map<String, Object> container = container(deployment);
            assertThat(value(application(application), "management.endpoint.health.probes.enabled"))
                    .as("%s exposes the liveness and readiness groups", application).isEqualTo(true);
            int actuatorPort = actuatorPort(deployment);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
                if (httpGet.isEmpty()) {
                    problems.add(application + " has no " + probe);
                    continue;
                }
                String expectedPath = probe.equals("readinessProbe") ? "/actuator/health/readiness" : "/actuator/health/liveness";
                if (!expectedPath.equals(httpGet.get("path"))) {
                    problems.add(application + " " + probe + " probes " + httpGet.get("path") + ", expected " + expectedPath);
                }
                int port = containerPort(container, httpGet.get("port"));
                if (port != actuatorPort) {
                    problems.add(application + " " + probe + " probes port " + port + ", actuator is on " + actuatorPort);
                }
            }
            Map<String, Object> resourcesOfContainer = map(container.get("resources"));
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (map(resourcesOfContainer.get(bound)).get(resource) == null) {
                        problems.add(application + " lacks " + bound + "." + resource);
                    }
                }
            }
            Map<String, Object> podSecurity = map(pod.get("securityContext"));
            Map<String, Object> containerSecurity = map(container.get("securityContext"));
            Object runAsNonRoot = containerSecurity.getOrDefault("runAsNonRoot", podSecurity.get("runAsNonRoot"));
            if (!Boolean.TRUE.equals(runAsNonRoot)) {
                problems.add(application + " may run as root");
            }
            if (!Boolean.TRUE.equals(containerSecurity.get("readOnlyRootFilesystem"))) {
                problems.add(application + " has a writable root filesystem");
            }
            if (!Boolean.FALSE.equals(containerSecurity.get("allowPrivilegeEscalation"))) {
                problems.add(application + " allows privilege escalation");
            }
            if (!list(map(containerSecurity.get("capabilities")).get("drop")).contains("ALL")) {
                problems.add(application + " does not drop ALL capabilities");
            }
            Optional<String> tmpVolume = list(container.get("volumeMounts")).stream().map(mount -> map(mount))
                    .filter(mount -> "/tmp".equals(mount.get("mountPath"))).map(mount -> String.valueOf(mount.get("name"))).findFirst();
            if (tmpVolume.isEmpty() || list(pod.get("volumes")).stream().map(volume -> map(volume))
                    .noneMatch(volume -> tmpVolume.get().equals(volume.get("name")) && volume.containsKey("emptyDir"))) {
                problems.add(application + " has no emptyDir on /tmp");
            }
            int replicas = replicas(deployment);
            List<Map<String, Object>> budgets = ofKind(resources, "PodDisruptionBudget").stream()
                    .filter(budget -> selects(map(map(budget.get("spec")).get("selector")), deployment)).toList();
            if (budgets.isEmpty()) {
                problems.add(application + " has no PodDisruptionBudget");
            }
            for (Map<String, Object> budget : budgets) {
                Map<String, Object> spec = map(budget.get("spec"));
                if (spec.get("minAvailable") instanceof Integer minAvailable && minAvailable >= replicas) {
                    problems.add(application + "'s PodDisruptionBudget keeps " + minAvailable + " of " + replicas
                            + " replicas: it blocks every drain");
                } else if (replicas > 1 && !Objects.equals(spec.get("minAvailable"), 1)) {
                    problems.add(application + "'s PodDisruptionBudget is not minAvailable 1: " + spec);
                }
            }
        }
        return problems;
    }

    /** The kubelet's kill comes after the preStop sleep and Spring's graceful shutdown phase, not during them. */
    static List<String> shutdownProblems(List<Map<String, Object>> resources) {
        List<String> problems = new ArrayList<>();
        for (String application : APPLICATIONS) {
            Map<String, Object> deployment = deployment(resources, application);
            assertThat(value(application(application), "server.shutdown")).as("%s shuts down gracefully", application)
                    .isEqualTo("graceful");
            Object phase = value(application(application), "spring.lifecycle.timeout-per-shutdown-phase");
            long phaseSeconds = phase == null ? 30 : Duration.parse("PT" + String.valueOf(phase).toUpperCase()).toSeconds();
            List<Object> command = list(map(map(map(container(deployment).get("lifecycle")).get("preStop")).get("exec")).get("command"));
            if (command.size() != 2 || !"sleep".equals(command.get(0))) {
                problems.add(application + " has no preStop sleep");
                continue;
            }
            long sleep = Long.parseLong(String.valueOf(command.get(1)));
            Object grace = podSpec(deployment).get("terminationGracePeriodSeconds");
            long graceSeconds = grace == null ? 30 : ((Number) grace).longValue();
            if (graceSeconds < sleep + phaseSeconds) {
                problems.add(application + ": terminationGracePeriodSeconds " + graceSeconds + " < preStop " + sleep
                        + " s + shutdown phase " + phaseSeconds + " s");
            }
        }
        return problems;
    }

    /** Only gateway-service may be reached from outside the cluster, and only on its public port. */
    static List<String> exposureProblems(List<Map<String, Object>> resources) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> service : ofKind(resources, "Service")) {
            Map<String, Object> spec = map(service.get("spec"));
            String type = String.valueOf(spec.getOrDefault("type", "ClusterIP"));
            if (!type.equals("ClusterIP") && !name(service).equals("gateway-service") || spec.get("externalIPs") != null) {
                problems.add("Service " + name(service) + " is " + type);
            }
        }
        Map<String, Object> gateway = deployment(resources, "gateway-service");
        int management = actuatorPort(gateway);
        for (Object port : list(map(service(resources, "gateway-service").get("spec")).get("ports"))) {
            if (containerPort(container(gateway), map(port).get("targetPort")) == management) {
                problems.add("Service gateway-service exposes the management port " + management);
            }
        }
        for (Map<String, Object> ingress : ofKind(resources, "Ingress")) {
            for (Map<String, Object> backend : ingressBackends(ingress)) {
                String service = String.valueOf(backend.get("name"));
                Map<String, Object> port = map(backend.get("port"));
                if (!service.equals("gateway-service")) {
                    problems.add("Ingress " + name(ingress) + " routes to " + service);
                } else if (!"http".equals(port.get("name")) && !Objects.equals(port.get("number"), servicePort(resources, service, "http"))) {
                    problems.add("Ingress " + name(ingress) + " routes to gateway-service port " + port);
                }
            }
        }
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            if (Boolean.TRUE.equals(podSpec(deployment).get("hostNetwork"))
                    || containers(deployment).stream().flatMap(c -> list(c.get("ports")).stream()).anyMatch(p -> map(p).get("hostPort") != null)) {
                problems.add(name(deployment) + " uses the host's network");
            }
        }
        return problems;
    }

    /** PORT, containerPort, Service port and the in-cluster URLs agree with application.yml's server port. */
    static List<String> portProblems(List<Map<String, Object>> resources) {
        List<String> problems = new ArrayList<>();
        for (String application : APPLICATIONS) {
            Map<String, Object> deployment = deployment(resources, application);
            int serverPort = Integer.parseInt(placeholders(application).stream()
                    .filter(placeholder -> placeholder.name().equals("PORT")).findFirst().orElseThrow().defaultValue());
            int port = Integer.parseInt(String.valueOf(env(deployment).get("PORT").get("value")));
            if (port != serverPort) {
                problems.add(application + ": PORT " + port + " != application.yml's server port " + serverPort);
            }
            int containerPort = containerPort(container(deployment), "http");
            if (containerPort != port) {
                problems.add(application + ": containerPort http " + containerPort + " != PORT " + port);
            }
            if (!Objects.equals(servicePort(resources, application, "http"), port)) {
                problems.add(application + ": Service port http " + servicePort(resources, application, "http") + " != PORT " + port);
            }
        }
        configMap(resources).forEach((key, value) -> {
            if (key.endsWith("_URL") || key.endsWith("_INSTANCES")) {
                for (String entry : String.valueOf(value).split(",")) {
                    // a list of name=url entries (the console's instances) or of plain URLs
                    String url = entry.trim().matches("[a-z0-9-]+=.*") ? entry.substring(entry.indexOf('=') + 1) : entry;
                    URI uri = URI.create(url.trim());
                    if (uri.getHost() == null || uri.getHost().contains(".")) {
                        continue; // outside this namespace (jdbc:, external services)
                    }
                    if (ofKind(resources, "Service").stream().noneMatch(service -> name(service).equals(uri.getHost()))) {
                        problems.add("ConfigMap " + key + " names no Service: " + uri.getHost() + ":" + uri.getPort());
                    } else if (!Objects.equals(servicePort(resources, uri.getHost(), "http"), uri.getPort())) {
                        problems.add("ConfigMap " + key + " calls " + uri.getHost() + " on " + uri.getPort());
                    }
                }
            }
        });
        return problems;
    }

    /** Replicas per variant; CPU autoscalers for the request-driven services, starting at the Deployment's replicas. */
    static List<String> scalingProblems(List<Map<String, Object>> resources, int expectedReplicas) {
        List<String> problems = new ArrayList<>();
        for (String application : APPLICATIONS) {
            Map<String, Object> deployment = deployment(resources, application);
            if (replicas(deployment) != expectedReplicas) {
                problems.add(application + " has " + replicas(deployment) + " replicas, expected " + expectedReplicas);
            }
            List<Map<String, Object>> autoscalers = ofKind(resources, "HorizontalPodAutoscaler").stream()
                    .filter(hpa -> application.equals(map(map(hpa.get("spec")).get("scaleTargetRef")).get("name"))).toList();
            if (!AUTOSCALED.contains(application)) {
                if (!autoscalers.isEmpty()) {
                    problems.add(application + " scales by Kafka partitions but has a HorizontalPodAutoscaler");
                }
                continue;
            }
            if (autoscalers.size() != 1) {
                problems.add(application + " has no HorizontalPodAutoscaler");
                continue;
            }
            Map<String, Object> spec = map(autoscalers.get(0).get("spec"));
            if (!Objects.equals(spec.get("minReplicas"), replicas(deployment))) {
                problems.add(application + "'s autoscaler starts at " + spec.get("minReplicas") + ", the Deployment at " + replicas(deployment));
            }
            if (!(spec.get("maxReplicas") instanceof Integer max) || max < replicas(deployment)) {
                problems.add(application + "'s autoscaler maximum " + spec.get("maxReplicas") + " is below its replicas");
            }
            if (list(spec.get("metrics")).stream().noneMatch(metric -> "cpu".equals(map(map(metric).get("resource")).get("name")))) {
                problems.add(application + "'s autoscaler does not follow CPU");
            }
        }
        return problems;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Renders a variant and asserts that it has every application's Deployment and Service and nothing unchecked. */
    private static List<Map<String, Object>> render(Path tree, String variant) {
        List<Map<String, Object>> resources = renderUnchecked(tree, variant);
        for (String application : APPLICATIONS) {
            deployment(resources, application);
            service(resources, application);
        }
        return resources;
    }

    private static List<Map<String, Object>> renderUnchecked(Path tree, String variant) {
        return Kustomize.render(tree.resolve(variant));
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> resources, String kind) {
        return resources.stream().filter(resource -> kind(resource).equals(kind)).toList();
    }

    private static Map<String, Object> deployment(List<Map<String, Object>> resources, String name) {
        return ofKind(resources, "Deployment").stream().filter(resource -> name(resource).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private static Map<String, Object> service(List<Map<String, Object>> resources, String name) {
        return ofKind(resources, "Service").stream().filter(resource -> name(resource).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + name));
    }

    private static Map<String, Object> configMap(List<Map<String, Object>> resources) {
        return ofKind(resources, "ConfigMap").stream().filter(resource -> name(resource).equals("uplink-config"))
                .findFirst().map(resource -> map(resource.get("data"))).orElse(Map.of());
    }

    /** The application's own container (named as the Deployment). */
    private static Map<String, Object> container(Map<String, Object> deployment) {
        return containers(deployment).stream().filter(container -> name(deployment).equals(container.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name(deployment) + " has no container " + name(deployment)));
    }

    private static Map<String, Map<String, Object>> env(Map<String, Object> deployment) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        list(container(deployment).get("env")).forEach(entry -> env.put(String.valueOf(map(entry).get("name")), map(entry)));
        return env;
    }

    private static int replicas(Map<String, Object> deployment) {
        return ((Number) map(deployment.get("spec")).getOrDefault("replicas", 1)).intValue();
    }

    /** Where actuator listens: UPLINK_MANAGEMENT_PORT where the service reads it and it is set, else PORT. */
    private static int actuatorPort(Map<String, Object> deployment) {
        Map<String, Map<String, Object>> env = env(deployment);
        boolean readsManagementPort = placeholders(name(deployment)).stream().anyMatch(p -> p.name().equals("UPLINK_MANAGEMENT_PORT"));
        Object management = readsManagementPort && env.containsKey("UPLINK_MANAGEMENT_PORT") ? env.get("UPLINK_MANAGEMENT_PORT").get("value") : null;
        return Integer.parseInt(String.valueOf(management != null && !String.valueOf(management).isBlank() ? management
                : env.get("PORT").get("value")));
    }

    /** A port given by number or by the name of a container port. */
    private static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Number number) {
            return number.intValue();
        }
        return list(container.get("ports")).stream().map(entry -> map(entry)).filter(entry -> String.valueOf(port).equals(entry.get("name")))
                .map(entry -> ((Number) entry.get("containerPort")).intValue()).findFirst().orElse(-1);
    }

    private static Object servicePort(List<Map<String, Object>> resources, String service, String name) {
        return list(map(service(resources, service).get("spec")).get("ports")).stream().map(entry -> map(entry))
                .filter(entry -> name.equals(entry.get("name"))).map(entry -> entry.get("port")).findFirst().orElse(null);
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> deployment) {
        Map<String, Object> labels = map(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("labels"));
        Map<String, Object> matchLabels = map(selector.get("matchLabels"));
        return !matchLabels.isEmpty() && selector.get("matchExpressions") == null
                && matchLabels.entrySet().stream().allMatch(entry -> Objects.equals(labels.get(entry.getKey()), entry.getValue()));
    }

    private static List<Map<String, Object>> ingressBackends(Map<String, Object> ingress) {
        Map<String, Object> spec = map(ingress.get("spec"));
        List<Map<String, Object>> backends = new ArrayList<>();
        if (spec.get("defaultBackend") != null) {
            backends.add(map(map(spec.get("defaultBackend")).get("service")));
        }
        for (Object rule : list(spec.get("rules"))) {
            for (Object path : list(map(map(rule).get("http")).get("paths"))) {
                backends.add(map(map(map(path).get("backend")).get("service")));
            }
        }
        return backends;
    }

    private static List<SpringPlaceholders.Placeholder> placeholders(String application) {
        return SpringPlaceholders.in(applicationYml(application));
    }

    private static Path applicationYml(String application) {
        return root.resolve(application).resolve("src/main/resources/application.yml");
    }

    private static Map<String, Object> application(String application) {
        return Kustomize.documents(applicationYml(application)).get(0);
    }

    /** A dotted property of a YAML document (nested maps only). */
    private static Object value(Map<String, Object> document, String property) {
        Object current = document;
        for (String key : property.split("\\.")) {
            current = map(current).get(key);
        }
        return current;
    }

    /** The dotted paths of a patch's leaves; list elements appear as []. */
    private static List<String> paths(Object value, String prefix) {
        if (value instanceof Map<?, ?> entries) {
            return entries.entrySet().stream()
                    .flatMap(entry -> paths(entry.getValue(), (prefix.isEmpty() ? "" : prefix + ".") + entry.getKey()).stream()).toList();
        }
        if (value instanceof List<?> elements && !elements.isEmpty() && elements.get(0) instanceof Map<?, ?>) {
            return elements.stream().flatMap(element -> paths(element, prefix + "[]").stream()).toList();
        }
        return List.of(prefix);
    }

    private static void copyManifests(Path copy) {
        try (Stream<Path> files = Files.walk(manifests)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(manifests.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void edit(Path copy, String file, String from, String to) {
        try {
            Path path = copy.resolve(file);
            String text = Files.readString(path);
            assertThat(text).as("%s contains the text to break", file).contains(from);
            Files.writeString(path, text.replaceFirst(Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
