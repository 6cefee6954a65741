package io.uplink.credential.signing;

import io.uplink.contracts.EventJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PostPolicySignerTest {

    /**
     * AWS's published example "Example: Browser-Based Upload using HTTP POST (Using AWS Signature Version 4)"
     * (docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html): its base64 policy and signature.
     */
    private static final String AWS_EXAMPLE_POLICY = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";

    @Test
    void reproducesAwsPublishedSigV4PostExampleSignature() {
        String signature = PostPolicySigner.signature("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20151229",
                "us-east-1", AWS_EXAMPLE_POLICY);

        assertThat(signature).isEqualTo("8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e");
    }

    @Test
    void policyCarriesTheConditionsTheSigningFieldsAndTheExpiration() {
        PostPolicySigner signer = new PostPolicySigner("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "us-east-1");

        Map<String, String> fields = signer.sign(List.of(List.of("eq", "$key", "tenants/t/k"),
                        List.of("content-length-range", 10, 10)), Map.of("key", "tenants/t/k"),
                Instant.parse("2015-12-29T00:00:00Z"), Instant.parse("2015-12-29T00:15:00Z"));

        JsonNode policy = EventJson.mapper().readTree(Base64.getDecoder().decode(fields.get("policy")));
        assertThat(policy.get("expiration").asString()).isEqualTo("2015-12-29T00:15:00.000Z");
        assertThat(policy.get("conditions").toString()).contains("[\"eq\",\"$key\",\"tenants/t/k\"]",
                "[\"content-length-range\",10,10]", "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"}",
                "{\"x-amz-credential\":\"AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request\"}",
                "{\"x-amz-date\":\"20151229T000000Z\"}");
        assertThat(fields).containsEntry("key", "tenants/t/k")
                .containsEntry("x-amz-credential", "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request")
                .containsEntry("x-amz-signature", PostPolicySigner.signature(
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20151229", "us-east-1", fields.get("policy")));
    }
}
