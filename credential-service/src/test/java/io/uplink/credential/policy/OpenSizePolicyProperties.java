package io.uplink.credential.policy;

import io.uplink.credential.tenant.TenantSettings;
import io.uplink.credential.web.InvalidRequestException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open-size policies (Uppy's protocols declare no size, Uppy 6 signRequest often no type): however adversarial the
 * request, the credential stays in the tenant's prefix, bounded by its limit, and an undeclared type is granted only
 * to a tenant that allows every type.
 */
class OpenSizePolicyProperties {

    private static final long LIMIT = 10L * 1024 * 1024;
    private static final TenantSettings RESTRICTIVE = new TenantSettings(LIMIT, List.of("image/*"), 900, "default");
    private static final TenantSettings OPEN = new TenantSettings(LIMIT, List.of("*/*"), 900, "default");
    private final UploadPolicyDecider decider = new UploadPolicyDecider(64L * 1024 * 1024);

    @Property(tries = 2000)
    void openSizePoliciesStayInThePrefixUnderTheLimitAndLeaveTheTypeOpenOnlyWhereEveryTypeIsAllowed(
            @ForAll("filenames") String filename, @ForAll("contentTypes") String contentType,
            @ForAll UploadMethod method, @ForAll boolean restrictive) {
        TenantSettings settings = restrictive ? RESTRICTIVE : OPEN;
        UploadPolicy policy;
        try {
            policy = decider.decideOpenSize("acme", settings, "bucket",
                    new UploadIntent(filename, contentType, null, null, null, method), UUID.randomUUID(),
                    Instant.parse("2026-03-04T05:06:07Z"));
        } catch (InvalidRequestException refused) {
            assertThat(refused.field()).isNotBlank();
            assertThat(refused.rule()).isNotBlank();
            return;
        }
        assertThat(ObjectKeys.belongsTo("acme", policy.key())).isTrue();
        assertThat(policy.exactSize()).isFalse();
        assertThat(policy.size()).isBetween(1L, LIMIT);
        if (ContentTypes.isAny(policy.contentType())) {
            assertThat(restrictive).isFalse();
            assertThat(contentType).isNull();
            assertThat(method).isNotEqualTo(UploadMethod.POST);
        } else {
            assertThat(ContentTypes.isWellFormed(policy.contentType())).isTrue();
            assertThat(ContentTypes.isAllowed(policy.contentType(), settings.allowedContentTypes())).isTrue();
        }
    }

    @Provide
    Arbitrary<String> filenames() {
        return Arbitraries.oneOf(Arbitraries.of("a.png", "../../tenants/other/x", "tenants/other/a.png", "\u0000",
                "..", "", "\u202egnp.exe"), Arbitraries.strings().all().ofMaxLength(60)).injectNull(0.05);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(Arbitraries.of("image/png", "text/html", "*/*", "image/*", "",
                "image/png\r\nx-amz-acl: public-read"), Arbitraries.strings().all().ofMaxLength(30)).injectNull(0.3);
    }
}
