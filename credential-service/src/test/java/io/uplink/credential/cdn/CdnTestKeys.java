package io.uplink.credential.cdn;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;

/** The test's CloudFront key pair, and CloudFront's own checks of what was signed with it. */
public final class CdnTestKeys {

    private CdnTestKeys() {
    }

    public static String pkcs8Pem() {
        return CdnDeliveryTest.pkcs8Pem();
    }

    /** Whether CloudFront would accept the signed URL for {@code resource} with a canned policy until the expiry. */
    public static boolean cloudFrontAccepts(URI signedUrl, String resource, Instant expiresAt)
            throws GeneralSecurityException {
        Map<String, String> query = CdnDeliveryTest.query(signedUrl);
        return query.get("Expires").equals(Long.toString(expiresAt.getEpochSecond()))
                && CdnDeliveryTest.verifies("{\"Statement\":[{\"Resource\":\"" + resource
                        + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expiresAt.getEpochSecond()
                        + "}}}]}", query.get("Signature"), CdnDeliveryTest.publicKey());
    }

    /** Whether the signature cookie is the test key's signature of the policy cookie. */
    public static boolean cloudFrontAcceptsCookies(String policyCookie, String signatureCookie)
            throws GeneralSecurityException {
        String policy = new String(CdnDeliveryTest.cloudFrontBase64(policyCookie), StandardCharsets.UTF_8);
        return CdnDeliveryTest.verifies(policy, signatureCookie, CdnDeliveryTest.publicKey());
    }
}
