package io.uplink.console.admin;

import io.uplink.console.gateway.GatewayApi;
import io.uplink.console.signin.ConsoleUser;
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

/**
 * Admins: the admin keys, issuing one (shown once) and revoking one. Rotation is issue-then-revoke; the API refuses
 * to revoke the last active key and the page shows why.
 */
@Controller
@RequestMapping("/console/admin/keys")
class AdminKeysController {

    private final GatewayApi api;

    AdminKeysController(GatewayApi api) {
        this.api = api;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("keys", api.asCurrentUser().get("/api/v1/admin-keys"));
        // the key this session signed in with: revoking it ends the session's access at the next call
        model.addAttribute("sessionKeyPrefix", ConsoleUser.current().keyPrefix());
        return "admin/keys";
    }

    @PostMapping
    String issue(@RequestParam(required = false) String label, RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("label", label == null || label.isBlank() ? null : label.trim());
        Flash.run(flash, null, () -> {
            JsonNode issued = api.asCurrentUser().post("/api/v1/admin-keys", body);
            // shown once, on the next page only: the flash attribute lives in the session until then
            flash.addFlashAttribute("issuedKey", issued.get("apiKey").asString());
            flash.addFlashAttribute("issuedKeyId", issued.get("keyId").asString());
        });
        return "redirect:/console/admin/keys";
    }

    @PostMapping("/{keyId}/revoke")
    String revoke(@PathVariable String keyId, RedirectAttributes flash) {
        Flash.run(flash, "Admin key " + keyId + " revoked.",
                () -> api.asCurrentUser().delete("/api/v1/admin-keys/{key}", keyId));
        return "redirect:/console/admin/keys";
    }
}
