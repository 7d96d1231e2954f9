package io.vendsync.cli.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kustomize build} does, for the subset k8s/ uses: {@code resources} (files and
 * kustomization folders), {@code namespace}, {@code images} and {@code patches} in the RFC 6902 form with a
 * {@code target}. Anything else in a kustomization fails loudly rather than being rendered wrong, and so does a patch
 * that matches nothing (kustomize would skip it silently; here that is a typo to catch).
 */
final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches");
    /** Kinds kustomize leaves without a namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass");

    private Kustomize() {
    }

    /** The objects {@code kustomize build dir} would print, in order. */
    static List<ObjectNode> build(final Path dir) {
        final JsonNode kustomization = readOne(dir.resolve("kustomization.yaml"));
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml: '" + field + "' is not supported by this renderer");
            }
        });
        final List<ObjectNode> objects = new ArrayList<>();
        for (final JsonNode entry : kustomization.path("resources")) {
            final Path resource = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                objects.addAll(build(resource));
            } else if (Files.isRegularFile(resource)) {
                objects.addAll(readAll(resource));
            } else {
                throw new IllegalArgumentException(dir + "/kustomization.yaml: resource " + entry.asText() + " does not exist");
            }
        }
        rejectDuplicates(objects, dir);
        for (final JsonNode patch : kustomization.path("patches")) {
            applyPatch(objects, patch, dir);
        }
        if (kustomization.hasNonNull("namespace")) {
            objects.stream().filter(object -> !CLUSTER_SCOPED.contains(object.path("kind").asText()))
                    .forEach(object -> object.withObjectProperty("metadata").put("namespace", kustomization.get("namespace").asText()));
        }
        for (final JsonNode image : kustomization.path("images")) {
            objects.forEach(object -> setImage(object, image));
        }
        return objects;
    }

    /** Every YAML document of a file, without the empty ones. */
    static List<ObjectNode> readAll(final Path file) {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            final List<ObjectNode> documents = new ArrayList<>();
            final Iterator<JsonNode> values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                final JsonNode document = values.next();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add((ObjectNode) document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static JsonNode readOne(final Path file) {
        final List<ObjectNode> documents = readAll(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + " must hold one document, not " + documents.size());
        }
        return documents.get(0);
    }

    /** Like kustomize: two objects with one kind and name cannot both be emitted. */
    private static void rejectDuplicates(final List<ObjectNode> objects, final Path dir) {
        final Set<String> ids = new HashSet<>();
        for (final ObjectNode object : objects) {
            final String id = object.path("apiVersion").asText() + "/" + object.path("kind").asText() + "/"
                    + object.path("metadata").path("namespace").asText() + "/" + object.path("metadata").path("name").asText();
            if (!ids.add(id)) {
                throw new IllegalArgumentException(dir + ": " + id + " is defined twice");
            }
        }
    }

    private static void applyPatch(final List<ObjectNode> objects, final JsonNode entry, final Path dir) {
        final JsonNode operations;
        try {
            operations = entry.has("path") ? readOpsFile(dir.resolve(entry.get("path").asText())) : YAML.readTree(entry.path("patch").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (operations == null || !operations.isArray()) {
            throw new IllegalArgumentException(dir + ": only RFC 6902 patches (a list of operations) are supported, not " + entry);
        }
        final JsonNode target = entry.path("target");
        target.fieldNames().forEachRemaining(field -> {
            if (!Set.of("group", "version", "kind", "name", "namespace").contains(field)) {
                throw new IllegalArgumentException(dir + ": target field '" + field + "' is not supported by this renderer");
            }
        });
        int matched = 0;
        for (int i = 0; i < objects.size(); i++) {
            if (matches(objects.get(i), target)) {
                objects.set(i, (ObjectNode) JsonPatch.apply(operations, objects.get(i)));
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(dir + ": patch target " + target + " matches no resource");
        }
    }

    private static JsonNode readOpsFile(final Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    private static boolean matches(final JsonNode object, final JsonNode target) {
        final String apiVersion = object.path("apiVersion").asText();
        final int slash = apiVersion.indexOf('/');
        final String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        final String version = apiVersion.substring(slash + 1);
        return field(target, "group", group) && field(target, "version", version)
                && field(target, "kind", object.path("kind").asText())
                && field(target, "name", object.path("metadata").path("name").asText())
                && field(target, "namespace", object.path("metadata").path("namespace").asText());
    }

    private static boolean field(final JsonNode target, final String name, final String actual) {
        return !target.has(name) || target.get(name).asText().equals(actual);
    }

    /** kustomize's images transformer: the containers of any pod spec whose image name is {@code name}. */
    private static void setImage(final JsonNode object, final JsonNode image) {
        for (final JsonNode podSpec : Workloads.podSpecs(object)) {
            for (final String list : List.of("initContainers", "containers")) {
                for (final JsonNode container : podSpec.path(list)) {
                    final String current = container.path("image").asText();
                    final String name = imageName(current);
                    if (name.equals(image.path("name").asText())) {
                        final String newName = image.path("newName").asText(name);
                        final String reference = image.has("digest") ? "@" + image.get("digest").asText()
                                : image.has("newTag") ? ":" + image.get("newTag").asText() : current.substring(name.length());
                        ((ObjectNode) container).set("image", TextNode.valueOf(newName + reference));
                    }
                }
            }
        }
    }

    private static String imageName(final String image) {
        final int at = image.indexOf('@');
        final String withoutDigest = at < 0 ? image : image.substring(0, at);
        final int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }
}
