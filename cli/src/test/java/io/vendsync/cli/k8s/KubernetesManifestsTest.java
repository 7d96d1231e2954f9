package io.vendsync.cli.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.vendsync.runtime.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The k8s/ overlays render (kustomize semantics, {@link Kustomize}) into objects the Kubernetes API accepts: each
 * built-in object is read strictly into the fabric8 model of its apiVersion and kind, so an unknown or misspelt field
 * or a wrong type fails; then the platform's rules that no schema states (locked-down pods, probes on the management
 * port, references that resolve, documented settings only). Strimzi's resources have no schema here: only their
 * shape is checked, and TopicsCommandTest keeps the topics equal to the registry.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("..", "k8s");
    private static final List<String> OVERLAYS = List.of("dev", "production");
    private static final String VENDSYNC_IMAGE = "ghcr.io/vendsync/vendsync";
    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            Map.entry("batch/v1/CronJob", io.fabric8.kubernetes.api.model.batch.v1.CronJob.class),
            Map.entry("batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class));

    /** fabric8's classes keep unknown fields in a catch-all map; with that switched off an unknown field is an error. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(final Annotated annotated) {
                    return Boolean.FALSE;
                }
            });

    private final Map<String, List<ObjectNode>> rendered = new LinkedHashMap<>();
    private final ObjectNode secretTemplate = Kustomize.readAll(K8S.resolve("secret.template.yaml")).get(0);

    KubernetesManifestsTest() {
        OVERLAYS.forEach(overlay -> rendered.put(overlay, Kustomize.build(K8S.resolve("overlays").resolve(overlay))));
    }

    @Test
    void shouldRenderEveryOverlayIntoObjectsTheKubernetesApiAccepts() {
        final List<String> errors = new ArrayList<>();
        each((overlay, object) -> {
            final String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
            if (object.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                errors.addAll(strimziShape(object).stream().map(error -> overlay + " " + id(object) + ": " + error).toList());
            } else if (!KINDS.containsKey(type)) {
                errors.add(overlay + " " + id(object) + ": no Kubernetes API type " + type + " known to this test");
            } else {
                try {
                    STRICT.treeToValue(object, KINDS.get(type));
                } catch (IOException e) {
                    errors.add(overlay + " " + id(object) + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            if (object.path("metadata").path("name").asText().isEmpty()) {
                errors.add(overlay + " " + id(object) + ": no metadata.name");
            }
            if (!overlay.isEmpty() && object.path("metadata").path("namespace").asText().isEmpty()) {
                errors.add(overlay + " " + id(object) + ": no namespace");
            }
        });
        assertThat(errors).isEmpty();
        assertThat(rendered.get("production")).extracting(KubernetesManifestsTest::id)
                .contains("Deployment/vendsync-ingest", "StatefulSet/vendsync-mapper", "Deployment/vendsync-sink",
                        "Deployment/vendsync-kafka-ui", "Ingress/vendsync-webhooks", "NetworkPolicy/vendsync-default-deny-ingress",
                        "PodDisruptionBudget/vendsync-sink", "CronJob/vendsync-reconcile", "KafkaTopic/vendsync.canonical.inventory.v1");
    }

    @Test
    void shouldRejectAFieldTheKubernetesApiDoesNotKnow() {
        final ObjectNode sink = find(rendered.get("dev"), "Deployment", "vendsync-sink").deepCopy();
        ((ObjectNode) sink.path("spec").path("template").path("spec").path("containers").get(0)).put("livenesProbe", "x");
        assertThatThrownBy(() -> STRICT.treeToValue(sink, io.fabric8.kubernetes.api.model.apps.Deployment.class))
                .hasMessageContaining("livenesProbe");
    }

    @Test
    void shouldRunEveryPodNonRootOnAReadOnlyRootWithLimits() {
        final List<String> errors = new ArrayList<>();
        each((overlay, object) -> {
            for (final JsonNode pod : Workloads.podSpecs(object)) {
                final String where = overlay + " " + id(object);
                require(errors, pod.path("securityContext").path("runAsNonRoot").asBoolean(), where + ": runAsNonRoot");
                require(errors, pod.path("serviceAccountName").asText().equals("vendsync"), where + ": serviceAccountName vendsync");
                require(errors, pod.path("automountServiceAccountToken").isBoolean() && !pod.path("automountServiceAccountToken").asBoolean(),
                        where + ": automountServiceAccountToken false");
                final Set<String> volumes = names(pod.path("volumes"));
                object.path("spec").path("volumeClaimTemplates").forEach(claim -> volumes.add(claim.path("metadata").path("name").asText()));
                for (final JsonNode container : pod.path("containers")) {
                    final String at = where + " container " + container.path("name").asText();
                    final JsonNode security = container.path("securityContext");
                    require(errors, security.path("readOnlyRootFilesystem").asBoolean(), at + ": readOnlyRootFilesystem");
                    require(errors, security.path("allowPrivilegeEscalation").isBoolean() && !security.path("allowPrivilegeEscalation").asBoolean(),
                            at + ": allowPrivilegeEscalation false");
                    require(errors, texts(security.path("capabilities").path("drop")).contains("ALL"), at + ": drops ALL capabilities");
                    for (final String quantity : List.of("requests/cpu", "requests/memory", "limits/memory")) {
                        final JsonNode value = container.path("resources").at("/" + quantity);
                        require(errors, value.isValueNode() && parses(value.asText()), at + ": resources " + quantity);
                    }
                    boolean tmp = false;
                    for (final JsonNode mount : container.path("volumeMounts")) {
                        require(errors, volumes.contains(mount.path("name").asText()), at + ": mounts unknown volume " + mount.path("name").asText());
                        tmp |= mount.path("mountPath").asText().equals("/tmp") && emptyDir(pod, mount.path("name").asText());
                    }
                    require(errors, tmp, at + ": /tmp on an emptyDir (the root filesystem is read-only)");
                }
            }
        });
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldProbeAndScrapeEveryAppOnTheManagementPort() {
        final List<String> errors = new ArrayList<>();
        each((overlay, object) -> {
            if (!Set.of("Deployment", "StatefulSet").contains(object.path("kind").asText())) {
                return;
            }
            final String managementPort = find(rendered.get(overlay), "ConfigMap", "vendsync-config").path("data")
                    .path(ConfigSource.environmentVariable("management.port")).asText("8090");
            for (final JsonNode container : Workloads.podSpecs(object).get(0).path("containers")) {
                final String at = overlay + " " + id(object) + " container " + container.path("name").asText();
                for (final String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    require(errors, container.path(probe).path("httpGet").has("path"), at + ": " + probe + " over HTTP");
                }
                if (!container.path("image").asText().startsWith(VENDSYNC_IMAGE + ":")) {
                    continue;
                }
                require(errors, portNamed(container, "management").equals(managementPort), at + ": port 'management' is " + managementPort);
                require(errors, container.path("livenessProbe").path("httpGet").path("path").asText().equals("/health/live"), at + ": liveness /health/live");
                require(errors, container.path("startupProbe").path("httpGet").path("path").asText().equals("/health/live"), at + ": startup /health/live");
                require(errors, container.path("readinessProbe").path("httpGet").path("path").asText().equals("/health/ready"), at + ": readiness /health/ready");
                for (final String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    require(errors, container.path(probe).path("httpGet").path("port").asText().equals("management"), at + ": " + probe + " on 'management'");
                }
                final JsonNode annotations = object.path("spec").path("template").path("metadata").path("annotations");
                require(errors, annotations.path("prometheus.io/scrape").asText().equals("true")
                        && annotations.path("prometheus.io/port").asText().equals(managementPort)
                        && annotations.path("prometheus.io/path").asText().equals("/metrics"), at + ": Prometheus scrapes :" + managementPort + "/metrics");
                require(errors, Workloads.podSpecs(object).get(0).path("terminationGracePeriodSeconds").asInt(30) >= 30,
                        at + ": a grace period long enough to finish the work in flight");
            }
        });
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldSetOnlyDocumentedSettingsAndEveryRequiredOne() throws IOException {
        final Matcher matcher = Pattern.compile("`(" + ConfigSource.ENV_PREFIX + "[A-Z0-9_]+)`")
                .matcher(Files.readString(Path.of("..", "docs", "configuration.md")));
        final Set<String> documented = new HashSet<>();
        while (matcher.find()) {
            documented.add(matcher.group(1));
        }
        final Set<String> secretKeys = fieldNames(secretTemplate.path("stringData"));
        assertThat(secretKeys).as("k8s/secret.template.yaml").isNotEmpty().isSubsetOf(documented);
        secretTemplate.path("stringData").forEach(value -> assertThat(value.asText()).as("no real values in the template").isEmpty());
        for (final String overlay : OVERLAYS) {
            final Set<String> configMapKeys = fieldNames(find(rendered.get(overlay), "ConfigMap", "vendsync-config").path("data"));
            final Set<String> named = new TreeSet<>(configMapKeys);
            rendered.get(overlay).forEach(object -> Workloads.podSpecs(object).forEach(pod -> pod.path("containers")
                    .forEach(container -> container.path("env").forEach(env -> named.add(env.path("name").asText())))));
            named.removeIf(name -> !name.startsWith(ConfigSource.ENV_PREFIX));
            assertThat(named).as(overlay + ": VENDSYNC_* names not in docs/configuration.md").isSubsetOf(documented);

            final Set<String> supplied = new HashSet<>(configMapKeys);
            supplied.addAll(secretKeys);
            Map.of("ingest", io.vendsync.ingest.IngestConfig.CONFIG_DEF, "mapper", io.vendsync.mapper.MapperConfig.CONFIG_DEF,
                    "sink", io.vendsync.sink.SinkConfig.CONFIG_DEF).forEach((app, def) -> assertThat(supplied)
                    .as(overlay + ": every setting the " + app + " requires").containsAll(required(def)));
        }
    }

    @Test
    void shouldReferOnlyToObjectsAndPortsThatExist() {
        final List<String> errors = new ArrayList<>();
        rendered.forEach((overlay, objects) -> {
            final List<ObjectNode> workloads = objects.stream().filter(o -> !Workloads.podSpecs(o).isEmpty()).toList();
            for (final ObjectNode object : objects) {
                final String where = overlay + " " + id(object);
                for (final JsonNode pod : Workloads.podSpecs(object)) {
                    pod.findValues("configMapRef").forEach(ref -> require(errors, find(objects, "ConfigMap", ref.path("name").asText()) != null,
                            where + ": ConfigMap " + ref.path("name").asText()));
                    pod.findValues("configMapKeyRef").forEach(ref -> require(errors, find(objects, "ConfigMap", ref.path("name").asText()) != null
                            && find(objects, "ConfigMap", ref.path("name").asText()).path("data").has(ref.path("key").asText()),
                            where + ": ConfigMap key " + ref));
                    pod.findValues("secretRef").forEach(ref -> require(errors,
                            ref.path("name").asText().equals(secretTemplate.path("metadata").path("name").asText()), where + ": Secret " + ref));
                    pod.findValues("persistentVolumeClaim").forEach(ref -> require(errors,
                            find(objects, "PersistentVolumeClaim", ref.path("claimName").asText()) != null, where + ": PVC " + ref));
                }
                final JsonNode selector = object.path("spec").path("selector");
                switch (object.path("kind").asText()) {
                    case "Deployment", "StatefulSet" -> require(errors, selects(selector, Workloads.podLabels(object)),
                            where + ": its selector matches its pods");
                    case "Service" -> {
                        final List<ObjectNode> backends = workloads.stream().filter(w -> selects(selector, Workloads.podLabels(w))).toList();
                        require(errors, !backends.isEmpty(), where + ": selects some pods");
                        object.path("spec").path("ports").forEach(port -> require(errors, backends.stream().allMatch(w ->
                                port.path("targetPort").isInt() || !portNamed(Workloads.podSpecs(w).get(0), port.path("targetPort").asText()).isEmpty()),
                                where + ": target port " + port.path("targetPort").asText()));
                    }
                    case "PodDisruptionBudget", "NetworkPolicy" -> {
                        final JsonNode labelSelector = object.path("kind").asText().equals("NetworkPolicy") ? object.path("spec").path("podSelector") : selector;
                        require(errors, workloads.stream().anyMatch(w -> selects(labelSelector, Workloads.podLabels(w))), where + ": selects some pods");
                    }
                    case "Ingress" -> object.findValues("service").forEach(backend -> {
                        final ObjectNode service = find(objects, "Service", backend.path("name").asText());
                        require(errors, service != null && names(service.path("spec").path("ports")).contains(backend.path("port").path("name").asText()),
                                where + ": backend " + backend);
                    });
                    default -> { }
                }
                if (object.path("kind").asText().equals("StatefulSet")) {
                    final ObjectNode service = find(objects, "Service", object.path("spec").path("serviceName").asText());
                    require(errors, service != null && service.path("spec").path("clusterIP").asText().equals("None"), where + ": headless governing Service");
                }
            }
        });
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldKeepTheReconciliationReportsOnAPersistentVolume() {
        for (final String overlay : OVERLAYS) {
            final List<ObjectNode> objects = rendered.get(overlay);
            final JsonNode pod = Workloads.podSpecs(find(objects, "CronJob", "vendsync-reconcile")).get(0);
            final JsonNode container = pod.path("containers").get(0);
            final List<String> args = new ArrayList<>();
            container.path("args").forEach(arg -> args.add(arg.asText()));
            final String out = args.get(args.indexOf("--out") + 1);
            final String volume = java.util.stream.StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                    .filter(mount -> mount.path("mountPath").asText().equals(out)).map(mount -> mount.path("name").asText())
                    .findFirst().orElseThrow(() -> new AssertionError(overlay + ": nothing mounted at --out " + out));
            final JsonNode claim = java.util.stream.StreamSupport.stream(pod.path("volumes").spliterator(), false)
                    .filter(v -> v.path("name").asText().equals(volume)).findFirst().orElseThrow()
                    .path("persistentVolumeClaim").path("claimName");
            assertThat(claim.isTextual()).as(overlay + ": --out is on a PersistentVolumeClaim, not a volume that dies with the Job")
                    .isTrue();
            assertThat(find(objects, "PersistentVolumeClaim", claim.asText())).as(overlay + ": the claim exists").isNotNull();
            assertThat(args).as(overlay + ": past runs kept, the oldest pruned").contains("--keep");
            assertThat(pod.path("securityContext").path("fsGroup").asInt()).as(overlay + ": the non-root user can write the volume")
                    .isEqualTo(pod.path("securityContext").path("runAsGroup").asInt());
        }
    }

    @Test
    void shouldReplicateNoTopicMoreOftenThanTheDevClusterHasBrokers() {
        final List<ObjectNode> dev = rendered.get("dev");
        final int brokers = dev.stream().filter(o -> o.path("kind").asText().equals("KafkaNodePool"))
                .filter(o -> texts(o.path("spec").path("roles")).contains("broker")).mapToInt(o -> o.path("spec").path("replicas").asInt()).sum();
        assertThat(brokers).isPositive();
        assertThat(dev.stream().filter(o -> o.path("kind").asText().equals("KafkaTopic")).mapToInt(o -> o.path("spec").path("replicas").asInt()))
                .isNotEmpty().allMatch(replicas -> replicas <= brokers);
        assertThat(find(dev, "ConfigMap", "vendsync-config").path("data").path("VENDSYNC_TOPIC_REPLICATION_FACTOR").asInt()).isLessThanOrEqualTo(brokers);
        assertThat(rendered.get("production").stream().filter(o -> o.path("kind").asText().equals("KafkaTopic")))
                .allMatch(topic -> topic.path("spec").path("replicas").asInt() == 3);
    }

    @Test
    void shouldRefuseWhatTheRendererCannotRenderFaithfully(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml]\nnamespace: n\npatches:\n"
                + "  - target: {kind: ConfigMap, name: a}\n    patch: |-\n      - {op: replace, path: /data/k, value: w}\n");
        final ObjectNode patched = Kustomize.build(dir).get(0);
        assertThat(patched.path("data").path("k").asText()).isEqualTo("w");
        assertThat(patched.path("metadata").path("namespace").asText()).isEqualTo("n");

        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml]\npatches:\n"
                + "  - target: {kind: ConfigMap, name: b}\n    patch: |-\n      - {op: replace, path: /data/k, value: w}\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("matches no resource");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml]\ncommonLabels: {x: y}\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("'commonLabels' is not supported");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml, missing.yaml]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("missing.yaml does not exist");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml, a.yaml]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("defined twice");
    }

    private void each(final BiConsumer<String, ObjectNode> check) {
        rendered.forEach((overlay, objects) -> objects.forEach(object -> check.accept(overlay, object)));
        check.accept("", secretTemplate);
    }

    /** What a KafkaTopic, Kafka or KafkaNodePool must look like for Strimzi; no schema of theirs is at hand. */
    private static List<String> strimziShape(final JsonNode object) {
        final List<String> errors = new ArrayList<>();
        if (!object.path("apiVersion").asText().equals("kafka.strimzi.io/v1beta2")) {
            errors.add("apiVersion kafka.strimzi.io/v1beta2");
        }
        if (!object.path("spec").isObject()) {
            errors.add("a spec");
        }
        switch (object.path("kind").asText()) {
            case "KafkaTopic" -> {
                if (!Set.of("topicName", "partitions", "replicas", "config").containsAll(fieldNames(object.path("spec")))
                        || object.path("spec").path("partitions").asInt() < 1 || object.path("spec").path("replicas").asInt() < 1
                        || !object.path("metadata").path("labels").has("strimzi.io/cluster")) {
                    errors.add("a KafkaTopic has a cluster label and only topicName, partitions >= 1, replicas >= 1 and config");
                }
            }
            case "KafkaNodePool" -> {
                if (!object.path("metadata").path("labels").has("strimzi.io/cluster") || object.path("spec").path("replicas").asInt() < 1) {
                    errors.add("a KafkaNodePool has a cluster label and replicas");
                }
            }
            case "Kafka" -> {
                if (!object.path("spec").path("kafka").path("listeners").isArray()) {
                    errors.add("a Kafka has listeners");
                }
            }
            default -> errors.add("no Strimzi kind known to this test");
        }
        return errors;
    }

    private static Set<String> required(final ConfigDef def) {
        return def.configKeys().values().stream().filter(key -> !key.hasDefault())
                .map(key -> ConfigSource.environmentVariable(key.name)).collect(Collectors.toSet());
    }

    /**
     * Whether a selector picks pods with these labels: a Service's plain label map, or a LabelSelector
     * (matchLabels, and matchExpressions with In). An empty selector counts as a mistake here, not as "all".
     */
    private static boolean selects(final JsonNode selector, final JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        final boolean labelSelector = selector.has("matchLabels") || selector.has("matchExpressions");
        final JsonNode matchLabels = labelSelector ? selector.path("matchLabels") : selector;
        final boolean[] all = {true};
        matchLabels.fields().forEachRemaining(entry -> all[0] &= labels.path(entry.getKey()).asText().equals(entry.getValue().asText()));
        for (final JsonNode expression : selector.path("matchExpressions")) {
            if (!expression.path("operator").asText().equals("In")) {
                throw new IllegalArgumentException("only the In operator is understood here: " + expression);
            }
            all[0] &= labels.has(expression.path("key").asText()) && texts(expression.path("values")).contains(labels.path(expression.path("key").asText()).asText());
        }
        return all[0];
    }

    private static boolean emptyDir(final JsonNode pod, final String volume) {
        return StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .anyMatch(v -> v.path("name").asText().equals(volume) && v.has("emptyDir"));
    }

    /** The number of the container port with that name, or "" (for a pod spec: of any of its containers). */
    private static String portNamed(final JsonNode containerOrPod, final String name) {
        return containerOrPod.findValues("ports").stream().flatMap(ports -> StreamSupport.stream(ports.spliterator(), false))
                .filter(port -> port.path("name").asText().equals(name) && port.has("containerPort"))
                .map(port -> port.path("containerPort").asText()).findFirst().orElse("");
    }

    private static boolean parses(final String quantity) {
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity)).signum() > 0;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    private static ObjectNode find(final List<ObjectNode> objects, final String kind, final String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                .findFirst().orElse(null);
    }

    private static String id(final JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }

    private static Set<String> names(final JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.path("name").asText())
                .filter(name -> !name.isEmpty()).collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<String> texts(final JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(JsonNode::asText).collect(Collectors.toSet());
    }

    private static Set<String> fieldNames(final JsonNode object) {
        final Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void require(final List<String> errors, final boolean ok, final String rule) {
        if (!ok) {
            errors.add(rule);
        }
    }
}
