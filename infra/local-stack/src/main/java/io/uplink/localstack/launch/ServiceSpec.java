package io.uplink.localstack.launch;

import java.util.Map;

/**
 * One service process to start.
 *
 * @param name how it is called in logs ({@code credential-1})
 * @param module the Maven module whose exec jar runs it ({@code credential-service})
 */
public record ServiceSpec(String name, String module, int port, Map<String, String> environment) {

    public ServiceSpec {
        environment = Map.copyOf(environment);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String readinessUrl() {
        return baseUrl() + "/actuator/health/readiness";
    }
}
