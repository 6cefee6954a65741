package io.uplink.credential.signing;

import io.uplink.contracts.EventJson;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SigV4 POST-policy signing (the AWS SDK v2 has none): the base64 policy document is the string to sign, with the
 * usual derived key {@code AWS4<secret> → date → region → s3 → aws4_request}. Checked against AWS's published
 * example in the tests.
 */
public final class PostPolicySigner {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String accessKey;
    private final String secretKey;
    private final String region;

    public PostPolicySigner(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    /**
     * @param conditions the policy's conditions; the signing fields are appended
     * @param formFields fields the form carries besides the signing ones (key, Content-Type, …)
     * @return every form field the client must send before the file, in order
     */
    public Map<String, String> sign(List<Object> conditions, Map<String, String> formFields, Instant now, Instant expiresAt) {
        String credential = accessKey + "/" + SCOPE_DATE.format(now) + "/" + region + "/s3/aws4_request";
        String amzDate = AMZ_DATE.format(now);
        List<Object> allConditions = new ArrayList<>(conditions);
        allConditions.add(Map.of("x-amz-algorithm", ALGORITHM));
        allConditions.add(Map.of("x-amz-credential", credential));
        allConditions.add(Map.of("x-amz-date", amzDate));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("expiration", EXPIRATION.format(expiresAt));
        document.put("conditions", allConditions);
        String policy = Base64.getEncoder().encodeToString(EventJson.write(document));

        Map<String, String> fields = new LinkedHashMap<>(formFields);
        fields.put("x-amz-algorithm", ALGORITHM);
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        fields.put("policy", policy);
        fields.put("x-amz-signature", signature(secretKey, SCOPE_DATE.format(now), region, policy));
        return fields;
    }

    /** Hex HMAC-SHA256 of the base64 policy with the SigV4 signing key of that day, region and service s3. */
    static String signature(String secretKey, String yyyymmdd, String region, String base64Policy) {
        byte[] key = SigV4SigningKey.derive(secretKey, yyyymmdd, region);
        return HexFormat.of().formatHex(SigV4SigningKey.hmac(key, base64Policy));
    }
}
