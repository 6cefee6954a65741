package io.uplink.console.webhooks;

import io.uplink.console.gateway.GatewayApi;
import io.uplink.console.web.Flash;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A tenant's webhook endpoints: the list, creating one, and each one's secret, state, test event and deletion. */
@Controller
@RequestMapping("/console/tenant/webhooks")
class EndpointsController {

    static final String ENDPOINTS = "/api/v1/webhooks/endpoints";
    private static final String ENDPOINT = ENDPOINTS + "/{id}";
    private static final String PAGE = "redirect:/console/tenant/webhooks";
    /** A tenant has at most a few dozen endpoints: one page holds them all, the cursor is there for the rest. */
    static final int PAGE_SIZE = 100;

    private final GatewayApi api;

    EndpointsController(GatewayApi api) {
        this.api = api;
    }

    @GetMapping
    String endpoints(@RequestParam(required = false) String cursor, Model model) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", PAGE_SIZE);
        query.put("cursor", cursor);
        JsonNode page = api.asCurrentUser().get(ENDPOINTS, query);
        model.addAttribute("endpoints", page.get("data"));
        model.addAttribute("nextCursor", page.path("nextCursor").asString(null));
        model.addAttribute("cursor", cursor);
        model.addAttribute("eventTypes", EventType.KNOWN);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", EndpointForm.empty());
        }
        return "tenant/webhooks";
    }

    @PostMapping
    String create(EndpointForm form, RedirectAttributes flash) {
        boolean created = Flash.run(flash, null, () -> {
            JsonNode endpoint = api.asCurrentUser().post(ENDPOINTS, form.toApi());
            String url = endpoint.get("url").asString();
            flash.addFlashAttribute(Flash.NOTICE, "Endpoint " + url + " created.");
            // shown once, on the next page only: the flash attribute lives in the session until then
            flash.addFlashAttribute("issuedSecret", new IssuedSecret(url, endpoint.get("secret").asString(), null));
        });
        if (!created) {
            flash.addFlashAttribute("form", form);
        }
        return PAGE;
    }

    @PostMapping("/{endpointId}/rotate-secret")
    String rotateSecret(@PathVariable UUID endpointId, RedirectAttributes flash) {
        Flash.run(flash, null, () -> {
            GatewayApi.As tenant = api.asCurrentUser();
            String url = tenant.get(ENDPOINT, endpointId).get("url").asString();
            JsonNode rotated = tenant.post(ENDPOINT + "/secret/rotate", null, endpointId);
            String previousUntil = rotated.path("previousSecretExpiresAt").asString(null);
            flash.addFlashAttribute(Flash.NOTICE, "Secret of " + url + " rotated.");
            flash.addFlashAttribute("issuedSecret",
                    new IssuedSecret(url, rotated.get("secret").asString(), previousUntil));
        });
        return PAGE;
    }

    @PostMapping("/{endpointId}/disable")
    String disable(@PathVariable UUID endpointId, RedirectAttributes flash) {
        Flash.run(flash, null, () -> {
            JsonNode endpoint = api.asCurrentUser().post(ENDPOINT + "/disable", Map.of(), endpointId);
            flash.addFlashAttribute(Flash.NOTICE, "Endpoint " + endpoint.get("url").asString()
                    + " disabled: it receives nothing until enabled again.");
        });
        return PAGE;
    }

    @PostMapping("/{endpointId}/enable")
    String enable(@PathVariable UUID endpointId, RedirectAttributes flash) {
        Flash.run(flash, null, () -> {
            JsonNode endpoint = api.asCurrentUser().post(ENDPOINT + "/enable", null, endpointId);
            flash.addFlashAttribute(Flash.NOTICE, "Endpoint " + endpoint.get("url").asString() + " enabled.");
        });
        return PAGE;
    }

    @PostMapping("/{endpointId}/test")
    String sendTestEvent(@PathVariable UUID endpointId, @RequestParam(required = false) String eventType,
                         RedirectAttributes flash) {
        Flash.run(flash, null, () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("eventType", eventType == null || eventType.isBlank() ? null : eventType);
            JsonNode sent = api.asCurrentUser().post(ENDPOINT + "/test", body, endpointId);
            flash.addFlashAttribute(Flash.NOTICE, "Test event queued; its delivery shows in the log.");
            flash.addFlashAttribute("testMessageId", sent.get("messageId").asString());
        });
        return PAGE;
    }

    @PostMapping("/{endpointId}/delete")
    String delete(@PathVariable UUID endpointId, RedirectAttributes flash) {
        Flash.run(flash, "Endpoint deleted, with its deliveries.",
                () -> api.asCurrentUser().delete(ENDPOINT, endpointId));
        return PAGE;
    }
}
