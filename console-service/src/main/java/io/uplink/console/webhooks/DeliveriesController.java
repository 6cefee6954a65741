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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tenant's delivery log: messages newest first, paged by cursor, each with its deliveries and attempts; sending
 * a message again, and sending again what failed to an endpoint since a time.
 */
@Controller
@RequestMapping("/console/tenant/deliveries")
class DeliveriesController {

    /** Each listed message costs one more API call for its deliveries' status, so pages stay short. */
    static final int PAGE_SIZE = 20;
    private static final int ATTEMPTS_PAGE_SIZE = 50;
    private static final String MESSAGES = "/api/v1/webhooks/messages";
    private static final String MESSAGE = MESSAGES + "/{id}";

    private final GatewayApi api;
    private final ObjectMapper json;

    DeliveriesController(GatewayApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @GetMapping
    String messages(@RequestParam(required = false) String eventType, @RequestParam(required = false) String cursor,
                    Model model) {
        GatewayApi.As tenant = api.asCurrentUser();
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("eventType", eventType);
        query.put("cursor", cursor);
        query.put("limit", PAGE_SIZE);
        JsonNode page = tenant.get(MESSAGES, query);
        List<MessageRow> rows = new ArrayList<>();
        for (JsonNode message : page.get("data")) {
            JsonNode detail = tenant.get(MESSAGE, message.get("id").asString());
            rows.add(new MessageRow(message, DeliveryStatus.of(detail.get("deliveries"))));
        }
        model.addAttribute("messages", rows);
        model.addAttribute("nextCursor", page.path("nextCursor").asString(null));
        model.addAttribute("cursor", cursor);
        model.addAttribute("eventType", eventType == null || eventType.isBlank() ? null : eventType);
        model.addAttribute("eventTypes", EventType.KNOWN);
        model.addAttribute("endpoints", endpoints(tenant));
        model.addAttribute("recover", RecoverForm.since(Instant.now()));
        return "tenant/deliveries";
    }

    @GetMapping("/{messageId}")
    String message(@PathVariable UUID messageId, @RequestParam(required = false) String cursor, Model model) {
        GatewayApi.As tenant = api.asCurrentUser();
        JsonNode detail = tenant.get(MESSAGE, messageId);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("messageId", messageId);
        query.put("cursor", cursor);
        query.put("limit", ATTEMPTS_PAGE_SIZE);
        JsonNode attempts = tenant.get("/api/v1/webhooks/attempts", query);
        model.addAttribute("message", detail.get("message"));
        model.addAttribute("payload", readable(detail.get("message").path("payload").asString("")));
        model.addAttribute("deliveries", detail.get("deliveries"));
        model.addAttribute("status", DeliveryStatus.of(detail.get("deliveries")));
        model.addAttribute("attempts", attempts.get("data"));
        model.addAttribute("nextCursor", attempts.path("nextCursor").asString(null));
        model.addAttribute("cursor", cursor);
        model.addAttribute("endpointUrls", urlsById(endpoints(tenant)));
        return "tenant/delivery";
    }

    /** Sends the message again to every endpoint it went to, or to the one given; pending ones are left to retry. */
    @PostMapping("/{messageId}/resend")
    String resend(@PathVariable UUID messageId, @RequestParam(required = false) UUID endpointId,
                  RedirectAttributes flash) {
        boolean sent = Flash.run(flash, null, () -> {
            GatewayApi.As tenant = api.asCurrentUser();
            JsonNode requeued = endpointId == null
                    ? tenant.post(MESSAGE + "/resend", null, messageId)
                    : tenant.post(MESSAGE + "/resend?endpointId={endpoint}", null, messageId, endpointId);
            int deliveries = requeued.get("deliveries").asInt();
            flash.addFlashAttribute(Flash.NOTICE, deliveries == 0
                    ? "Nothing sent again: still pending, its retries are under way."
                    : "Message queued again for " + count(deliveries) + ".");
        });
        return sent ? "redirect:/console/tenant/deliveries/" + messageId : "redirect:/console/tenant/deliveries";
    }

    /** Queues again every delivery to the endpoint that failed (retries given up) since the given time. */
    @PostMapping("/recover")
    String recover(RecoverForm form, RedirectAttributes flash) {
        Flash.run(flash, null, () -> {
            JsonNode requeued = api.asCurrentUser()
                    .post(EndpointsController.ENDPOINTS + "/{id}/recover", form.toApi(), form.endpoint());
            int deliveries = requeued.get("deliveries").asInt();
            flash.addFlashAttribute(Flash.NOTICE, deliveries == 0
                    ? "No delivery to that endpoint failed since " + form.since() + " UTC; nothing to send again."
                    : count(deliveries) + " failed since " + form.since() + " UTC queued again.");
        });
        return "redirect:/console/tenant/deliveries";
    }

    /** The payload indented for reading; the bytes sent are the API's, unchanged, this is only how they are shown. */
    private String readable(String payload) {
        try {
            return json.readTree(payload).toPrettyString();
        } catch (JacksonException notJson) {
            return payload;
        }
    }

    private static String count(int deliveries) {
        return deliveries + (deliveries == 1 ? " delivery" : " deliveries");
    }

    private static JsonNode endpoints(GatewayApi.As tenant) {
        return tenant.get(EndpointsController.ENDPOINTS, Map.of("limit", EndpointsController.PAGE_SIZE)).get("data");
    }

    private static Map<String, String> urlsById(JsonNode endpoints) {
        Map<String, String> urls = new LinkedHashMap<>();
        endpoints.forEach(endpoint -> urls.put(endpoint.get("id").asString(), endpoint.get("url").asString()));
        return urls;
    }
}
