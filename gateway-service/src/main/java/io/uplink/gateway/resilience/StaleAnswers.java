package io.uplink.gateway.resilience;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Recent successful metadata GET answers per caller and URL, to serve while metadata-service is failing. */
@Component
public class StaleAnswers {

    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, Answer> answers = new ConcurrentHashMap<>();

    public record Answer(byte[] body, String contentType, long storedAtNanos) {
        Duration age() {
            return Duration.ofNanos(System.nanoTime() - storedAtNanos);
        }
    }

    void remember(String key, byte[] body, String contentType) {
        if (answers.size() >= MAX_ENTRIES) {
            answers.clear();
        }
        answers.put(key, new Answer(body, contentType, System.nanoTime()));
    }

    Optional<Answer> recent(String key, Duration maxAge) {
        Answer answer = answers.get(key);
        return answer != null && answer.age().compareTo(maxAge) <= 0 ? Optional.of(answer) : Optional.empty();
    }
}
