package io.uplink.credential.cdn;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each CDN's URLs checked against its provider's documented algorithm: CloudFront's canned and custom policies
 * (RSA-SHA1 over the policy JSON, in CloudFront's URL-safe Base64), and Alibaba Cloud CDN's type A
 * ({@code md5("URI-timestamp-rand-uid-key")}, with the inputs of Alibaba's own example).
 */
class CdnDeliveryTest {

    private static final KeyPair KEYS = rsaKeys();
    private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void aliyunTypeAMatchesTheDocumentedExample() {
        // Alibaba's example: /video/standard/1K.html, timestamp 1444435200, rand 0, uid 0, key aliyuncdnexp1234
        var cdn = new AliyunTypeACdn(CdnObjectUrls.under(URI.create("http://cdn.example.com")), "aliyuncdnexp1234",
                Duration.ofMinutes(30), () -> "0");

        URI url = cdn.urlFor("video/standard/1K.html", Instant.ofEpochSecond(1444435200L).plus(Duration.ofMinutes(30)));

        // md5sum of "/video/standard/1K.html-1444435200-0-0-aliyuncdnexp1234", computed apart (coreutils md5sum)
        assertThat(url).hasToString("http://cdn.example.com/video/standard/1K.html"
                + "?auth_key=1444435200-0-0-80cd3862d699b7118eed99103f2a3a4f");
    }

    @Test
    void aliyunTypeASignsThePathAsRequestedWithAFreshNonceAndTheExpiryLessTheDomainsValidity() {
        var cdn = CdnDelivery.of("cdn", new CdnProperties(CdnKind.ALIYUN_TYPE_A,
                URI.create("https://static.example.com/media/"), null, null, "secret-key", Duration.ofMinutes(30)))
                .orElseThrow();

        URI first = cdn.urlFor("tenants/acme/2026/01/01/u1/a b ü.png", EXPIRES);
        URI second = cdn.urlFor("tenants/acme/2026/01/01/u1/a b ü.png", EXPIRES);

        assertThat(first.getRawPath()).isEqualTo("/media/tenants/acme/2026/01/01/u1/a%20b%20%C3%BC.png");
        String[] auth = first.getRawQuery().substring("auth_key=".length()).split("-");
        assertThat(auth).hasSize(4);
        assertThat(Long.parseLong(auth[0])).isEqualTo(EXPIRES.minus(Duration.ofMinutes(30)).getEpochSecond());
        assertThat(auth[1]).matches("[0-9a-f]{32}");
        assertThat(auth[2]).isEqualTo("0");
        assertThat(auth[3]).isEqualTo(AliyunTypeACdn.md5Hex(first.getRawPath() + "-" + auth[0] + "-" + auth[1]
                + "-0-secret-key"));
        assertThat(second).isNotEqualTo(first);
        assertThat(cdn.expires()).isTrue();
    }

    @Test
    void cloudFrontSignsACannedPolicyForExactlyTheObjectsUrl() throws GeneralSecurityException {
        var cdn = cloudFront(pkcs8Pem());

        URI url = cdn.urlFor("tenants/acme/2026/01/01/u1/report 1.pdf", EXPIRES);

        Map<String, String> query = query(url);
        String resource = "https://d111111abcdef8.cloudfront.net/tenants/acme/2026/01/01/u1/report%201.pdf";
        assertThat(url.toString()).startsWith(resource + "?");
        assertThat(query).containsEntry("Expires", Long.toString(EXPIRES.getEpochSecond()))
                .containsEntry("Key-Pair-Id", "K2JCJMDEHXQW5F");
        String cannedPolicy = "{\"Statement\":[{\"Resource\":\"" + resource
                + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + EXPIRES.getEpochSecond() + "}}}]}";
        assertThat(verifies(cannedPolicy, query.get("Signature"), KEYS.getPublic())).isTrue();
        String otherObject = cannedPolicy.replace("report%201.pdf", "report%202.pdf");
        assertThat(verifies(otherObject, query.get("Signature"), KEYS.getPublic())).isFalse();
    }

    @Test
    void cloudFrontCookiesCarryACustomPolicyForEveryObjectUnderThePrefix() throws GeneralSecurityException {
        var cdn = cloudFront(pkcs8Pem());

        CloudFrontCdn.SignedCookies cookies = cdn.cookiesFor("tenants/acme/", EXPIRES);

        assertThat(cookies.cookies()).containsOnlyKeys("CloudFront-Policy", "CloudFront-Signature",
                "CloudFront-Key-Pair-Id");
        assertThat(cookies.domain()).isEqualTo("d111111abcdef8.cloudfront.net");
        assertThat(cookies.path()).isEqualTo("/");
        String policy = new String(cloudFrontBase64(cookies.cookies().get("CloudFront-Policy")), StandardCharsets.UTF_8);
        JsonNode statement = JsonMapper.builder().build().readTree(policy).path("Statement").get(0);
        assertThat(statement.path("Resource").asString())
                .isEqualTo("https://d111111abcdef8.cloudfront.net/tenants/acme/*").isEqualTo(cookies.resources());
        assertThat(statement.path("Condition").path("DateLessThan").path("AWS:EpochTime").asLong())
                .isEqualTo(EXPIRES.getEpochSecond());
        assertThat(verifies(policy, cookies.cookies().get("CloudFront-Signature"), KEYS.getPublic())).isTrue();
        assertThat(cookies.cookies()).containsEntry("CloudFront-Key-Pair-Id", "K2JCJMDEHXQW5F");
    }

    @Test
    void aPkcs1KeyAsOlderOpensslWritesItSignsLikeItsPkcs8Form() throws GeneralSecurityException {
        byte[] pkcs8 = KEYS.getPrivate().getEncoded();
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length); // a 2048-bit key's PKCS#8 header is 26 bytes
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";

        assertThat(PemPrivateKeys.rsa("key", pem).getEncoded()).isEqualTo(pkcs8);
        URI url = cloudFront(pem).urlFor("tenants/acme/x", EXPIRES);
        assertThat(verifies("{\"Statement\":[{\"Resource\":\"https://d111111abcdef8.cloudfront.net/tenants/acme/x\","
                + "\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + EXPIRES.getEpochSecond() + "}}}]}",
                query(url).get("Signature"), KEYS.getPublic())).isTrue();
    }

    @Test
    void aPlainCdnAnswersTheObjectsPublicUrl() {
        var cdn = CdnDelivery.of("cdn", new CdnProperties(CdnKind.PLAIN, URI.create("https://cdn.example.com"),
                null, null, null, null)).orElseThrow();

        assertThat(cdn.urlFor("tenants/acme/a/b.txt", EXPIRES)).hasToString("https://cdn.example.com/tenants/acme/a/b.txt");
        assertThat(cdn.expires()).isFalse();
    }

    @Test
    void noCdnAndIncompleteSettingsAreToldApart() {
        assertThat(CdnDelivery.of("cdn", CdnProperties.NONE)).isEmpty();
        assertThatThrownBy(() -> CdnDelivery.of("uplink.credential.storage.cdn", new CdnProperties(
                CdnKind.CLOUDFRONT, URI.create("https://d1.cloudfront.net"), null, pkcs8Pem(), null, null)))
                .hasMessage("uplink.credential.storage.cdn.key-pair-id is required for this CDN kind");
        assertThatThrownBy(() -> CdnDelivery.of("cdn", new CdnProperties(CdnKind.ALIYUN_TYPE_A,
                URI.create("https://cdn.example.com"), null, null, " ", null)))
                .hasMessage("cdn.auth-key is required for this CDN kind");
        assertThatThrownBy(() -> CdnDelivery.of("cdn", new CdnProperties(CdnKind.PLAIN, URI.create("cdn.example.com"),
                null, null, null, null))).hasMessageContaining("base-url is an http(s) URL");
        assertThatThrownBy(() -> CdnDelivery.of("cdn", new CdnProperties(CdnKind.CLOUDFRONT,
                URI.create("https://d1.cloudfront.net"), "K1", "-----BEGIN PRIVATE KEY-----\nnot a key\n"
                + "-----END PRIVATE KEY-----", null, null))).hasMessageContaining("cdn.private-key");
    }

    private static CdnDelivery cloudFrontDelivery(String pem) {
        return CdnDelivery.of("cdn", new CdnProperties(CdnKind.CLOUDFRONT,
                URI.create("https://d111111abcdef8.cloudfront.net"), "K2JCJMDEHXQW5F", pem, null, null)).orElseThrow();
    }

    private static CloudFrontCdn cloudFront(String pem) {
        return (CloudFrontCdn) cloudFrontDelivery(pem);
    }

    static String pkcs8Pem() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static PublicKey publicKey() {
        return KEYS.getPublic();
    }

    /** CloudFront's check: RSA-SHA1 over the policy, Base64 with {@code + = /} written {@code - _ ~}. */
    static boolean verifies(String policy, String signature, PublicKey key) throws GeneralSecurityException {
        Signature rsa = Signature.getInstance("SHA1withRSA");
        rsa.initVerify(key);
        rsa.update(policy.getBytes(StandardCharsets.UTF_8));
        return rsa.verify(cloudFrontBase64(signature));
    }

    static byte[] cloudFrontBase64(String value) {
        return Base64.getDecoder().decode(value.replace('-', '+').replace('_', '=').replace('~', '/'));
    }

    static Map<String, String> query(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return query;
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
