package io.uplink.metadata.ingest;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantPrefixTest {

    @Test
    void readsTheTenantFromTheKeyPrefix() {
        assertThat(TenantPrefix.tenantOf("tenants/acme/2026/11/25/u1/a b.pdf")).isEqualTo("acme");
    }

    @Test
    void rejectsKeysOutsideAnyTenantPrefix() {
        for (String key : new String[] {"acme/file", "tenants/", "tenants//x", "tenants/acme", "tenants/acme/",
                "/tenants/acme/x", "Tenants/acme/x"}) {
            assertThatThrownBy(() -> TenantPrefix.tenantOf(key)).as(key).isInstanceOf(RejectedEventException.class);
        }
    }

    @Property
    void theTenantIsAlwaysTheFirstSegmentAndNeverContainsASlash(@ForAll("keys") String key) {
        try {
            String tenant = TenantPrefix.tenantOf(key);
            assertThat(key).startsWith("tenants/" + tenant + "/");
            assertThat(tenant).isNotEmpty().doesNotContain("/");
            assertThat(key.length()).isGreaterThan(("tenants/" + tenant + "/").length());
        } catch (RejectedEventException rejected) {
            assertThat(rejected.getMessage()).contains("outside any tenant prefix");
        }
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("ab/.-%+ ").ofMaxLength(6);
        return Arbitraries.oneOf(segment, segment.map(rest -> "tenants/" + rest),
                segment.flatMap(t -> segment.map(rest -> "tenants/" + t + "/" + rest)));
    }
}
