package io.uplink.acceptance;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.engine.SourceOfRandomness;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.uplink.acceptance.HostileClass.GENERATED;

/**
 * Random hostile inputs from jqwik's generators, a bounded number per property and reproducible from one seed:
 * filenames, metadata and sizes for {@code POST /api/v1/uploads}, and request paths an upload token must not get
 * beyond the upload routes with.
 */
final class GeneratedHostileInputs {

    static final int TRIES_PER_PROPERTY = 200;
    private static final long TENANT_MAX_OBJECT_SIZE = 5 * HostileInputs.GIB;
    private static final List<String> PATH_PIECES = List.of("..", ".", "/", "//", "\\", ";", "%2e", "%2E", "%2f", "%2F",
            "%5c", "%00", "%c0%ae", "%c0%af", "%25", "%252e", "?", "#", "files", "tenants", "webhooks", "upload-tokens",
            "api", "v1", "internal", "actuator", "env", "%61", "%20", "~", "é", "%ff", "*", ";x=y");

    private final HostileTargets targets;
    private final long seed;
    private int generated;

    GeneratedHostileInputs(HostileTargets targets, long seed) {
        this.targets = targets;
        this.seed = seed;
    }

    /** Any filename up to 1100 characters: a success must keep the key one clean segment in the caller's prefix. */
    List<HostileCase> filenames() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(1100),
                Arbitraries.strings().withChars("./\\\u0000\u202E\u200B%:*?\"<>|\r\n\t ").ofMinLength(1).ofMaxLength(50),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMinLength(1).ofMaxLength(300));
        return generate(names, name -> HostileCase.of(GENERATED, "generated filename " + RawHttp.abbreviated(name),
                "POST", "/api/v1/uploads").bearer(targets.intruderKey()).json(HostileInputs.smallFile(name))
                .gotThroughWhen(HostileInputs.keyEscapes(targets.intruderKeyPrefix())));
    }

    /**
     * Metadata of any shape: a success got through when the metadata breaks the documented rules (at most 16
     * entries, names of lower-case letters, digits and '-' up to 63, values up to 512 characters).
     */
    List<HostileCase> metadata() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(80),
                Arbitraries.strings().withChars("abcxyz0189-").ofMinLength(1).ofMaxLength(70));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(600),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMinLength(500).ofMaxLength(520));
        Arbitrary<Map<String, String>> metadata = Arbitraries.maps(names, values).ofMinSize(0).ofMaxSize(20);
        return generate(metadata, entries -> HostileCase.of(GENERATED, "generated metadata of " + entries.size()
                        + " entries", "POST", "/api/v1/uploads").bearer(targets.intruderKey())
                .json(withMetadata(entries)).gotThroughWhen(reply -> reply.isSuccess() && breaksMetadataRules(entries)));
    }

    private static Map<String, Object> withMetadata(Map<String, String> entries) {
        Map<String, Object> file = HostileInputs.smallFile("meta.txt");
        file.put("metadata", entries);
        return file;
    }

    static boolean breaksMetadataRules(Map<String, String> entries) {
        return entries.size() > 16 || entries.entrySet().stream().anyMatch(entry ->
                !entry.getKey().matches("[a-z0-9][a-z0-9-]{0,62}") || entry.getValue().length() > 512);
    }

    /**
     * Sizes as any JSON number or other value: a success got through unless the size is a whole number of bytes from
     * 1 to the tenant's limit.
     */
    List<HostileCase> sizes() {
        Arbitrary<String> sizes = Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.longs().between(TENANT_MAX_OBJECT_SIZE - 1000, TENANT_MAX_OBJECT_SIZE + 1000).map(String::valueOf),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TWO.pow(63).negate().multiply(java.math.BigInteger.TEN),
                        java.math.BigInteger.TWO.pow(70)).map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Combinators.combine(Arbitraries.strings().withChars("0123456789-+.eE xX").ofMinLength(1).ofMaxLength(25),
                        Arbitraries.of(true, false)).as((text, quoted) -> quoted ? "\"" + text + "\"" : text),
                Arbitraries.of("null", "true", "false", "[]", "{}", "\"\"", "[1]", "{\"size\":1}"));
        return generate(sizes, size -> HostileCase.of(GENERATED, "generated size " + RawHttp.abbreviated(size), "POST",
                "/api/v1/uploads").bearer(targets.intruderKey())
                .rawJson(("{\"filename\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":" + size + "}")
                        .getBytes(StandardCharsets.UTF_8))
                .gotThroughWhen(reply -> reply.isSuccess() && !isAllowedSize(size)));
    }

    static boolean isAllowedSize(String json) {
        String text = json.startsWith("\"") && json.endsWith("\"") && json.length() >= 2
                ? json.substring(1, json.length() - 1) : json;
        try {
            long size = new java.math.BigDecimal(text.trim()).longValueExact();
            return size >= 1 && size <= TENANT_MAX_OBJECT_SIZE;
        } catch (NumberFormatException | ArithmeticException notAWholeNumber) {
            return false;
        }
    }

    /**
     * Paths built from dot segments, encoded separators and route names, sent with an upload token after the upload
     * routes' prefix: the token allows the upload routes only, and no GET there answers 2xx to a path like these.
     */
    List<HostileCase> paths() {
        Arbitrary<String> paths = Arbitraries.of(PATH_PIECES).list().ofMinSize(1).ofMaxSize(12)
                .map(pieces -> String.join("", pieces));
        Arbitrary<String> targetsAfterUploads = Combinators.combine(Arbitraries.of("/api/v1/uploads/", "/api/v1/uploads",
                "/api/v1/uploads/x/"), paths).as((prefix, path) -> prefix + path);
        return generate(targetsAfterUploads, path -> HostileCase.of(GENERATED, "generated path " + path, "GET",
                path.replace(" ", "%20").replace("#", "%23")).bearer(targets.permissiveToken()));
    }

    private <T> List<HostileCase> generate(Arbitrary<T> arbitrary, Function<T, HostileCase> toCase) {
        // jqwik's generators outside a property: sampled from the thread's source of randomness, seeded here
        SourceOfRandomness.create(Long.toString(seed + generated++));
        return arbitrary.sampleStream().limit(TRIES_PER_PROPERTY).map(toCase).toList();
    }
}
