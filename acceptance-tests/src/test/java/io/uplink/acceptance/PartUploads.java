package io.uplink.acceptance;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The multipart part uploads a browser made, read from its DevTools network events: every {@code PUT} whose URL
 * names a {@code partNumber} and an {@code uploadId}, and which of them the store answered 200. A part counts as
 * uploaded once per 200; a request cut off by a page reload has no answer and does not count.
 */
final class PartUploads {

    private final Map<String, Part> requests = new HashMap<>();
    private final Map<Integer, Integer> stored = new TreeMap<>();

    /** Adds the events of the browser's log, in the order it logged them. */
    void read(List<JsonNode> events) {
        for (JsonNode event : events) {
            String method = event.path("method").asString("");
            JsonNode params = event.path("params");
            if (method.equals("Network.requestWillBeSent")
                    && params.path("request").path("method").asString("").equals("PUT")) {
                Part part = Part.of(params.path("request").path("url").asString(""));
                if (part != null) {
                    requests.put(params.path("requestId").asString(), part);
                }
            } else if (method.equals("Network.responseReceived")) {
                Part part = requests.get(params.path("requestId").asString());
                if (part != null && params.path("response").path("status").asInt() == 200) {
                    stored.merge(part.number(), 1, Integer::sum);
                }
            }
        }
    }

    /** Part number → how many times the store answered 200 to its upload. */
    Map<Integer, Integer> timesStored() {
        return Map.copyOf(stored);
    }

    /** The multipart upload ids the part uploads went to. */
    List<String> uploadIds() {
        return requests.values().stream().map(Part::uploadId).distinct().toList();
    }

    private record Part(int number, String uploadId) {

        static Part of(String url) {
            String query = URI.create(url).getRawQuery();
            if (query == null) {
                return null;
            }
            String number = null;
            String uploadId = null;
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                if (name.equals("partNumber")) {
                    number = value;
                } else if (name.equals("uploadId")) {
                    uploadId = value;
                }
            }
            return number == null || uploadId == null ? null : new Part(Integer.parseInt(number), uploadId);
        }
    }
}
