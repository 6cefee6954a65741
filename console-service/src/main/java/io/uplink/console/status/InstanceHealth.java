package io.uplink.console.status;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one instance's {@code /actuator/health} said.
 *
 * @param status the overall status, or {@link HealthStatus#UNREACHABLE} when it did not answer in time
 * @param components each top-level component's status, in the order the instance listed them
 * @param outboxRelay the details of metadata-service's {@code outboxRelay} component ({@code role}: leader, standby,
 *                    stopped); empty for instances without one
 * @param problem why the status is unreachable or unknown; null otherwise
 */
public record InstanceHealth(ServiceInstance instance, String status, List<ComponentHealth> components,
                      Map<String, String> outboxRelay, String problem) {

    static final String OUTBOX_RELAY = "outboxRelay";

    static InstanceHealth unreachable(ServiceInstance instance, String problem) {
        return new InstanceHealth(instance, HealthStatus.UNREACHABLE, List.of(), Map.of(), problem);
    }

    /** Reads the actuator's answer, which has the same body with 200 (UP) and 503 (DOWN). */
    static InstanceHealth of(ServiceInstance instance, JsonNode health) {
        String status = text(health.get("status"));
        if (status == null) {
            return new InstanceHealth(instance, HealthStatus.UNKNOWN, List.of(), Map.of(),
                    "the answer has no health status");
        }
        List<ComponentHealth> components = new ArrayList<>();
        Map<String, String> relay = new LinkedHashMap<>();
        JsonNode all = health.get("components");
        if (all != null && all.isObject()) {
            for (Map.Entry<String, JsonNode> component : all.properties()) {
                String componentStatus = text(component.getValue().get("status"));
                components.add(new ComponentHealth(component.getKey(),
                        componentStatus == null ? HealthStatus.UNKNOWN : componentStatus));
                if (component.getKey().equals(OUTBOX_RELAY)) {
                    relay.put("status", componentStatus == null ? HealthStatus.UNKNOWN : componentStatus);
                    JsonNode details = component.getValue().get("details");
                    if (details != null && details.isObject()) {
                        details.properties().forEach(detail -> relay.put(detail.getKey(),
                                detail.getValue().isValueNode() ? detail.getValue().asString() : detail.getValue().toString()));
                    }
                }
            }
        }
        return new InstanceHealth(instance, status, List.copyOf(components), relay, null);
    }

    public boolean leadsOutboxRelay() {
        return "leader".equalsIgnoreCase(outboxRelay.get("role"));
    }

    public String badge() {
        return HealthStatus.badge(status);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
