package io.uplink.localstack.compose;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as Compose itself would read it: YAML anchors and merge keys resolved, and {@code ${VAR:-default}}
 * interpolated with the defaults (a developer's shell environment and .env are deliberately not consulted, so a
 * variable without a default shows up as unresolved, and a required one, {@code ${VAR:?message}}, as
 * {@code <required VAR>}). Its YAML helpers {@link #map} and {@link #list} are shared with the Kubernetes manifests' test.
 */
public final class ComposeFile {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static ComposeFile read(Path file) {
        try {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            return new ComposeFile(yaml.load(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(root.get("services")).forEach((name, definition) -> services.put(name, map(definition)));
        return services;
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'");
        }
        return service;
    }

    /** The service's environment after interpolation; a value that needs an unset variable is reported as such. */
    Map<String, String> environment(String serviceName) {
        Object environment = service(serviceName).get("environment");
        Map<String, String> resolved = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> resolved.put(String.valueOf(key), value == null ? null : interpolate(String.valueOf(value))));
        } else if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                resolved.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : interpolate(text.substring(equals + 1)));
            }
        }
        return resolved;
    }

    /** The application module a service is built from (build arg SERVICE), if it is one of ours. */
    Optional<String> applicationModule(String serviceName) {
        Object build = service(serviceName).get("build");
        if (build instanceof Map<?, ?> buildMap && buildMap.get("args") instanceof Map<?, ?> args && args.get("SERVICE") != null) {
            return Optional.of(String.valueOf(args.get("SERVICE")));
        }
        return Optional.empty();
    }

    static String interpolate(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(2) == null ? "<unset " + matcher.group(1) + ">"
                    : matcher.group(2).endsWith("?") ? required(matcher.group(1)) : matcher.group(3);
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** What a required variable ({@code ${VAR:?message}}) interpolates to here. */
    static String required(String variable) {
        return "<required " + variable + ">";
    }

    /** Every variable the file interpolates, with the operator it is used with ({@code :-}, {@code :?}, ... or ""). */
    static Map<String, Set<String>> variables(Path file) {
        Map<String, Set<String>> variables = new TreeMap<>();
        try {
            Matcher matcher = INTERPOLATION.matcher(Files.readString(file));
            while (matcher.find()) {
                variables.computeIfAbsent(matcher.group(1), name -> new TreeSet<>())
                        .add(matcher.group(2) == null ? "" : matcher.group(2));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variables;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }
}
