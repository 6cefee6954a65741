package io.uplink.contracts.identity;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.UtcInstantsProperties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AssertionPayloadReaderTest {

    @Property
    void readsEverySignedPayloadAsJacksonDoes(@ForAll("assertions") IdentityAssertion assertion) {
        byte[] json = EventJson.write(assertion);

        IdentityAssertion fast = AssertionPayloadReader.read(json);

        // null means "not the simple shape": the verifier then asks Jackson, so only a non-null answer must agree
        if (fast != null) {
            assertThat(fast).isEqualTo(EventJson.read(json, IdentityAssertion.class));
        }
    }

    @Test
    void takesTheShortcutForWhatTheGatewaySigns() {
        var assertion = new IdentityAssertion("gateway", "metadata", "acme", "key_1", List.of("tenant"),
                Instant.parse("2026-11-25T12:00:30.123456789Z"));

        assertThat(AssertionPayloadReader.read(EventJson.write(assertion))).isEqualTo(assertion);
    }

    @Test
    void readsWhitespaceNullsAndUnknownScalarFields() {
        String json = " { \"issuer\":\"gateway\", \"audience\" : \"callback\", \"tenantId\" : null , \"subject\":\"ops\", \"future\": \"x\", \"flag\": true,"
                + " \"roles\" : [ \"admin\" ] , \"expiresAt\":\"2026-11-25T12:00:00Z\" } ";

        assertThat(AssertionPayloadReader.read(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new IdentityAssertion("gateway", "callback", null, "ops", List.of("admin"), Instant.parse("2026-11-25T12:00:00Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"issuer\":\"gateway\",\"audience\":\"metadata\",\"subject\":\"k\\u0041\",\"roles\":[\"tenant\"],\"tenantId\":\"a\",\"expiresAt\":\"2026-11-25T12:00:00Z\"}",
            "{\"issuer\":\"gateway\",\"audience\":\"metadata\",\"subject\":\"k\",\"roles\":[\"tenant\"],\"tenantId\":\"a\",\"expiresAt\":1795608000}",
            "{\"issuer\":\"gateway\",\"audience\":\"metadata\",\"subject\":\"k\",\"roles\":[\"tenant\"],\"tenantId\":\"a\",\"expiresAt\":\"2026-11-25T12:00:00+01:00\"}",
            "{\"issuer\":\"gateway\",\"audience\":\"metadata\",\"subject\":\"k\",\"roles\":[\"tenant\"],\"tenantId\":\"a\",\"expiresAt\":\"2026-11-25T23:59:60Z\"}",
            "{\"issuer\":\"gateway\",\"audience\":\"metadata\",\"subject\":\"k\",\"roles\":[\"tenant\"],\"tenantId\":\"a\",\"expiresAt\":\"2026-02-30T12:00:00Z\"}",
            "{\"issuer\":\"gateway\",\"audience\":\"metadata\",\"subject\":\"k\",\"roles\":[\"tenant\"],\"tenantId\":\"a\",\"extra\":{\"x\":1},\"expiresAt\":\"2026-11-25T12:00:00Z\"}",
            "{\"issuer\":\"gateway\",\"audience\":\"metadata\",\"subject\":\"k\",\"roles\":[\"tenant\"],\"tenantId\":\"a\",\"expiresAt\":\"2026-11-25T12:00:00Z\"} x",
            "{\"issuer\":\"gateway\",\"audience\":\"metadata\",\"subject\":\"k\",\"roles\":\"tenant\",\"tenantId\":\"a\",\"expiresAt\":\"2026-11-25T12:00:00Z\"}",
            "{\"issuer\":\"gateway\",\"audience\":\"metadata\",\"subject\":\"k\",\"roles\":[\"tenant\"],\"expiresAt\":\"2026-11-25T12:00:00Z\"}",
            "{\"issuer\":\"gateway\",\"audience\":\"metadata\",\"roles\":[\"tenant\"],\"tenantId\":\"a\",\"expiresAt\":\"2026-11-25T12:00:00Z\"}",
            "{\"issuer\":\"gateway\",\"audience\":\"metadata\",\"subject\":\"é\",\"roles\":[\"tenant\"],\"tenantId\":\"a\",\"expiresAt\":\"2026-11-25T12:00:00Z\"}",
            "{\"audience\":\"metadata\",\"subject\":\"k\",\"roles\":[\"tenant\"],\"tenantId\":\"a\",\"expiresAt\":\"2026-11-25T12:00:00Z\"}",
            "{\"issuer\":\"gateway\",\"subject\":\"k\",\"roles\":[\"tenant\"],\"tenantId\":\"a\",\"expiresAt\":\"2026-11-25T12:00:00Z\"}",
            "{}",
            "[]",
            ""})
    void leavesEverythingElseToJackson(String json) {
        assertThat(AssertionPayloadReader.read(json.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Property
    void neverThrowsOnGarbage(@ForAll byte[] garbage) {
        IdentityAssertion result = AssertionPayloadReader.read(garbage);

        if (result != null) {
            assertThat(result).isEqualTo(EventJson.read(garbage, IdentityAssertion.class));
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        return UtcInstantsProperties.anyInstant();
    }

    @Provide
    Arbitrary<IdentityAssertion> assertions() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(0).ofMaxLength(40);
        Arbitrary<List<String>> roles = Arbitraries.of(IdentityAssertion.ROLE_TENANT, IdentityAssertion.ROLE_ADMIN)
                .list().ofMaxSize(2);
        Arbitrary<String> audiences = Arbitraries.of(IdentityAssertion.AUDIENCE_CREDENTIAL,
                IdentityAssertion.AUDIENCE_METADATA, IdentityAssertion.AUDIENCE_CALLBACK);
        return Combinators.combine(audiences, text.injectNull(0.2), text, roles, instants())
                .as((audience, tenant, subject, r, expires) -> tenant == null
                        ? new IdentityAssertion("gateway", audience, null, subject, List.of(IdentityAssertion.ROLE_ADMIN), expires)
                        : new IdentityAssertion("gateway", audience, tenant, subject, r, expires));
    }
}
