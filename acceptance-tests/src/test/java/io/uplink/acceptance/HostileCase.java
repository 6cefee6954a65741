package io.uplink.acceptance;

import io.uplink.contracts.EventJson;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One hostile request: what it tries, the bytes it sends, and what would mean it got through. By default any 2xx
 * gets through; a case whose request may legitimately succeed (a spoofed header next to a valid key, a filename that
 * is only metadata) says instead what in the answer would show the hostile part took effect.
 */
record HostileCase(HostileClass kind, String description, String method, String target, List<String> headers,
                   byte[] body, Predicate<RawHttp.Reply> gotThrough) {

    static HostileCase of(HostileClass kind, String description, String method, String target) {
        return new HostileCase(kind, description, method, target, List.of(), null, RawHttp.Reply::isSuccess);
    }

    HostileCase bearer(String credential) {
        return header("Authorization: Bearer " + credential);
    }

    /** A header line written exactly as given (CR and LF included). */
    HostileCase header(String line) {
        List<String> lines = new ArrayList<>(headers);
        lines.add(line);
        return new HostileCase(kind, description, method, target, List.copyOf(lines), body, gotThrough);
    }

    HostileCase json(Object value) {
        return rawJson(EventJson.write(value));
    }

    HostileCase rawJson(byte[] json) {
        return header("Content-Type: application/json")
                .withBody(json);
    }

    private HostileCase withBody(byte[] bytes) {
        return new HostileCase(kind, description, method, target, headers, bytes, gotThrough);
    }

    /** Success is allowed; it counts as getting through only when the answer shows this. */
    HostileCase gotThroughWhen(Predicate<RawHttp.Reply> evidence) {
        return new HostileCase(kind, description, method, target, headers, body, evidence);
    }

    /** A 2xx counts as getting through when its body mentions any of these (another tenant's ids, keys or names). */
    HostileCase gotThroughIfAnswerMentions(String... secrets) {
        return gotThroughWhen(reply -> reply.isSuccess() && List.of(secrets).stream().anyMatch(reply.body()::contains));
    }
}
