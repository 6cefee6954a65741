package io.uplink.localstack.kubernetes;

import io.uplink.localstack.compose.ComposeFile;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.uplink.localstack.compose.ComposeFile.list;
import static io.uplink.localstack.compose.ComposeFile.map;

/**
 * The subset of {@code kubectl kustomize} that infra/kubernetes uses, so its output can be checked without kubectl:
 * <ul>
 *   <li>{@code resources}: files (every YAML document in them) and directories (their kustomization, recursively);</li>
 *   <li>{@code patches} given by {@code path}, each document applied to the resource of the same kind and name as a
 *       strategic merge: maps merge recursively, {@code null} removes a field, lists of maps that all have a
 *       {@code name} merge by name (as Kubernetes merges containers, env and volumes), other lists are replaced;</li>
 *   <li>{@code replicas} (by Deployment name) and {@code images} ({@code newName}, {@code newTag}, {@code digest}).</li>
 * </ul>
 * Any other kustomization field, or a patch that matches no resource, fails the rendering rather than being ignored.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches", "replicas", "images");

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path directory) {
        Map<String, Object> kustomization = map(documents(directory.resolve("kustomization.yaml")).get(0));
        kustomization.keySet().stream().filter(field -> !SUPPORTED.contains(field)).findFirst().ifPresent(field -> {
            throw new AssertionError(directory + "/kustomization.yaml uses '" + field + "', which this test does not apply");
        });
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"))) {
            Path path = directory.resolve(String.valueOf(resource)).normalize();
            resources.addAll(Files.isDirectory(path) ? render(path) : documents(path));
        }
        for (Object entry : list(kustomization.get("patches"))) {
            Map<String, Object> patch = map(entry);
            if (patch.get("path") == null || patch.size() != 1) {
                throw new AssertionError(directory + ": only patches given by path alone are applied here: " + patch);
            }
            for (Map<String, Object> document : documents(directory.resolve(String.valueOf(patch.get("path"))))) {
                merge(find(resources, kind(document), name(document), directory), document);
            }
        }
        for (Object entry : list(kustomization.get("replicas"))) {
            Map<String, Object> replicas = map(entry);
            map(find(resources, "Deployment", String.valueOf(replicas.get("name")), directory).get("spec"))
                    .put("replicas", replicas.get("count"));
        }
        for (Object entry : list(kustomization.get("images"))) {
            Map<String, Object> image = map(entry);
            String imageName = String.valueOf(image.get("name"));
            for (Map<String, Object> resource : resources) {
                for (Map<String, Object> container : containers(resource)) {
                    String current = String.valueOf(container.get("image"));
                    if (repository(current).equals(imageName)) {
                        String repository = image.get("newName") != null ? String.valueOf(image.get("newName")) : imageName;
                        String reference = image.get("digest") != null ? "@" + image.get("digest")
                                : image.get("newTag") != null ? ":" + image.get("newTag") : current.substring(imageName.length());
                        container.put("image", repository + reference);
                    }
                }
            }
        }
        return resources;
    }

    /** Every YAML document of a file, empty ones skipped. */
    static List<Map<String, Object>> documents(Path file) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add(new LinkedHashMap<>(map(document)));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kind(Map<String, Object> resource) {
        return String.valueOf(resource.get("kind"));
    }

    static String name(Map<String, Object> resource) {
        return String.valueOf(map(resource.get("metadata")).get("name"));
    }

    /** The containers of a Deployment's pod template (none for other kinds). */
    static List<Map<String, Object>> containers(Map<String, Object> resource) {
        if (!kind(resource).equals("Deployment")) {
            return List.of();
        }
        return list(map(podSpec(resource)).get("containers")).stream().map(ComposeFile::map).toList();
    }

    static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return map(map(map(deployment.get("spec")).get("template")).get("spec"));
    }

    private static String repository(String image) {
        int digest = image.indexOf('@');
        String withoutDigest = digest < 0 ? image : image.substring(0, digest);
        int tag = withoutDigest.lastIndexOf(':');
        return tag > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, tag) : withoutDigest;
    }

    private static Map<String, Object> find(List<Map<String, Object>> resources, String kind, String name, Path directory) {
        return resources.stream().filter(resource -> kind(resource).equals(kind) && name(resource).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(directory + " patches " + kind + "/" + name + ", which its resources lack"));
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> && current instanceof Map<?, ?>) {
                merge((Map<String, Object>) current, (Map<String, Object>) value);
            } else if (value instanceof List<?> patchList && current instanceof List<?> currentList
                    && named(patchList) && named(currentList)) {
                List<Object> merged = new ArrayList<>(currentList);
                for (Object element : patchList) {
                    Object elementName = map(element).get("name");
                    merged.stream().filter(existing -> elementName.equals(map(existing).get("name"))).findFirst()
                            .ifPresentOrElse(existing -> merge(map(existing), map(element)), () -> merged.add(element));
                }
                target.put(key, merged);
            } else {
                target.put(key, value);
            }
        });
    }

    private static boolean named(List<?> elements) {
        return elements.stream().allMatch(element -> element instanceof Map<?, ?> entry && entry.get("name") != null);
    }
}
