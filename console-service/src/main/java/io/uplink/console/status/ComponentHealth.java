package io.uplink.console.status;

/** One health component of an instance ({@code db}, {@code kafka}, {@code outboxRelay}, …) and its status. */
public record ComponentHealth(String name, String status) {

    /** The badge's class: {@code up}, {@code down}, {@code out-of-service}, {@code unknown}. */
    public String badge() {
        return HealthStatus.badge(status);
    }
}
