package io.uplink.credential.upload;

import io.uplink.contracts.EventJson;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The callback parameter OSS-targeted credentials carry, so that OSS reports each upload to our
 * {@code /api/v1/oss/callback}: base64 of {@code {callbackUrl, callbackBody, callbackBodyType}}. A PUT sends it as
 * the signed header {@code x-oss-callback}, a POST form as the field {@code callback} (also a policy condition).
 * With {@code application/json} OSS substitutes its system variables as JSON values, so the body below arrives as
 * the JSON {@link OssCallbackController} reads; the object key alone identifies the session (keys are unique and
 * server-assigned), so no custom {@code x:} variables are needed.
 */
public final class OssUploadCallback {

    public static final String HEADER = "x-oss-callback";
    public static final String FORM_FIELD = "callback";
    static final String BODY_TYPE = "application/json";
    static final String BODY =
            "{\"bucket\":${bucket},\"object\":${object},\"size\":${size},\"mimeType\":${mimeType},\"etag\":${etag}}";

    private OssUploadCallback() {
    }

    /** @param callbackUrl our public callback intake, as OSS reaches it */
    public static String parameter(URI callbackUrl) {
        Map<String, String> callback = new LinkedHashMap<>();
        // OSS wants the URL percent-encoded (non-ASCII included).
        callback.put("callbackUrl", callbackUrl.toASCIIString());
        callback.put("callbackBody", BODY);
        callback.put("callbackBodyType", BODY_TYPE);
        return Base64.getEncoder().encodeToString(EventJson.write(callback));
    }
}
