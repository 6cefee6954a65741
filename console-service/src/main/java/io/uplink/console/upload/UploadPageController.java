package io.uplink.console.upload;

import io.uplink.console.gateway.GatewayApi;
import io.uplink.console.signin.ConsoleUser;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The upload page: Uppy's Dashboard uploading straight to storage through the gateway's Companion routes, with a
 * short-lived upload token minted for the signed-in tenant. The page never sees the tenant's key: the token is
 * limited to uploads and expires.
 */
@Controller
@RequestMapping("/console/tenant/upload")
class UploadPageController {

    static final long TOKEN_TTL_SECONDS = 900;

    private final GatewayApi api;

    UploadPageController(GatewayApi api) {
        this.api = api;
    }

    @GetMapping
    String page() {
        return "tenant/upload";
    }

    /** Called by the page's script (same origin, CSRF header) for the token its Uppy uploads with. */
    @PostMapping(path = "/token", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> token() {
        ConsoleUser user = ConsoleUser.current();
        Map<String, Object> request = new LinkedHashMap<>();
        // the subject recorded with each file: uploaded by hand in the console, with which key
        request.put("subject", "console:" + user.keyPrefix());
        request.put("metadata", Map.of("source", "console"));
        request.put("ttlSeconds", TOKEN_TTL_SECONDS);
        JsonNode minted = api.asCurrentUser().post("/api/v1/upload-tokens", request);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", minted.get("token").asString());
        answer.put("expiresAt", minted.get("expiresAt").asString());
        return answer;
    }
}
