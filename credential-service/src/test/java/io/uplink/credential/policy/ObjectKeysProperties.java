package io.uplink.credential.policy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written checks of {@link ObjectKeys} accept exactly what their plain definitions accept: the tenant id
 * pattern, and "inside the prefix, no empty, '.' or '..' segment, no control character or backslash".
 */
class ObjectKeysProperties {

    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    @Property(tries = 5000)
    void tenantIdCheckIsThePattern(@ForAll("tenantIds") String tenantId) {
        assertThat(ObjectKeys.isValidTenantId(tenantId)).isEqualTo(TENANT_ID.matcher(tenantId).matches());
    }

    @Property(tries = 5000)
    void belongsToIsTheSegmentRule(@ForAll("tenantIds") String tenantId, @ForAll("keys") String rest) {
        String key = (TENANT_ID.matcher(tenantId).matches() ? "tenants/" + tenantId + "/" : "") + rest;
        assertThat(ObjectKeys.belongsTo(tenantId, key)).isEqualTo(belongsByDefinition(tenantId, key));
    }

    private static boolean belongsByDefinition(String tenantId, String key) {
        if (!TENANT_ID.matcher(tenantId).matches() || key.length() > 1024) {
            return false;
        }
        String prefix = "tenants/" + tenantId + "/";
        if (!key.startsWith(prefix) || key.length() == prefix.length()) {
            return false;
        }
        for (String segment : key.substring(prefix.length()).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return key.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\');
    }

    @Provide
    Arbitrary<String> tenantIds() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("aZ09_-.é/ ").ofMinLength(0).ofMaxLength(70),
                Arbitraries.strings().alpha().numeric().withChars("_-").ofMinLength(60).ofMaxLength(66),
                Arbitraries.strings().ofMaxLength(10));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("a./\\\u0000\u001f\u007f").ofMaxLength(20),
                Arbitraries.strings().withChars("ab./").ofMinLength(1000).ofMaxLength(1030),
                Arbitraries.strings().ofMaxLength(30));
    }
}
