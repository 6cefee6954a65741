package io.uplink.console.admin;

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

/** Admins: the tenant list, creating a tenant, one tenant's settings, status and API keys. */
@Controller
@RequestMapping("/console/admin/tenants")
class TenantsController {

    private final GatewayApi api;

    TenantsController(GatewayApi api) {
        this.api = api;
    }

    @GetMapping
    String list(@RequestParam(required = false) String after, Model model) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", 50);
        query.put("after", after);
        JsonNode page = api.asCurrentUser().get("/api/v1/tenants", query);
        model.addAttribute("tenants", page.get("items"));
        model.addAttribute("nextAfter", text(page, "nextAfter"));
        return "admin/tenants";
    }

    @PostMapping
    String create(@RequestParam String id, @RequestParam String name, RedirectAttributes flash) {
        boolean created = Flash.run(flash, "Tenant " + id + " created.", () -> api.asCurrentUser()
                .post("/api/v1/tenants", Map.of("id", id.trim(), "name", name.trim())));
        return created ? "redirect:/console/admin/tenants/" + id.trim() : "redirect:/console/admin/tenants";
    }

    @GetMapping("/{tenantId}")
    String tenant(@PathVariable String tenantId, Model model) {
        GatewayApi.As admin = api.asCurrentUser();
        JsonNode tenant = admin.get("/api/v1/tenants/{id}", tenantId);
        model.addAttribute("tenant", tenant);
        model.addAttribute("settings", TenantSettingsForm.of(tenant.get("settings")));
        model.addAttribute("keys", admin.get("/api/v1/tenants/{id}/api-keys", tenantId));
        return "admin/tenant";
    }

    @PostMapping("/{tenantId}/settings")
    String settings(@PathVariable String tenantId, TenantSettingsForm form, RedirectAttributes flash) {
        Flash.run(flash, "Settings saved.", () -> api.asCurrentUser()
                .put("/api/v1/tenants/{id}/settings", form.toApi(), tenantId));
        return "redirect:/console/admin/tenants/" + tenantId;
    }

    @PostMapping("/{tenantId}/suspend")
    String suspend(@PathVariable String tenantId, RedirectAttributes flash) {
        Flash.run(flash, "Tenant suspended: its keys and tokens are refused.",
                () -> api.asCurrentUser().post("/api/v1/tenants/{id}/suspend", null, tenantId));
        return "redirect:/console/admin/tenants/" + tenantId;
    }

    @PostMapping("/{tenantId}/resume")
    String resume(@PathVariable String tenantId, RedirectAttributes flash) {
        Flash.run(flash, "Tenant resumed.",
                () -> api.asCurrentUser().post("/api/v1/tenants/{id}/resume", null, tenantId));
        return "redirect:/console/admin/tenants/" + tenantId;
    }

    @PostMapping("/{tenantId}/api-keys")
    String issueKey(@PathVariable String tenantId, RedirectAttributes flash) {
        Flash.run(flash, null, () -> {
            JsonNode issued = api.asCurrentUser().post("/api/v1/tenants/{id}/api-keys", Map.of(), tenantId);
            // shown once, on the next page only: the flash attribute lives in the session until then
            flash.addFlashAttribute("issuedKey", issued.get("apiKey").asString());
        });
        return "redirect:/console/admin/tenants/" + tenantId;
    }

    @PostMapping("/{tenantId}/api-keys/{keyId}/revoke")
    String revokeKey(@PathVariable String tenantId, @PathVariable String keyId, RedirectAttributes flash) {
        Flash.run(flash, "Key " + keyId + " revoked.",
                () -> api.asCurrentUser().delete("/api/v1/tenants/{id}/api-keys/{key}", tenantId, keyId));
        return "redirect:/console/admin/tenants/" + tenantId;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
