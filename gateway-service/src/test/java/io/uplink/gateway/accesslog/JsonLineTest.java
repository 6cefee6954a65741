package io.uplink.gateway.accesslog;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Property
    @SuppressWarnings("unchecked")
    void anyPathOrTenantComesBackFromTheLineUnchanged(@ForAll String path, @ForAll String tenant) {
        StringBuilder line = new StringBuilder("{\"type\":\"access\"");
        JsonLine.field(line, "path", path);
        JsonLine.field(line, "tenant", tenant);
        JsonLine.field(line, "subject", null);
        JsonLine.number(line, "latencyMs", 0.00012);
        Map<String, Object> parsed = JSON.readValue(line.append('}').toString(), Map.class);
        assertThat(parsed).containsEntry("path", path).containsEntry("tenant", tenant).containsEntry("subject", null);
        assertThat(((Number) parsed.get("latencyMs")).doubleValue()).isEqualTo(0.00012);
    }
}
