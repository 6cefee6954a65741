package io.uplink.console.files;

import io.uplink.console.gateway.GatewayApi;
import io.uplink.console.web.Flash;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant's files: filtered, paged by cursor, with download, delete and charts of what was stored. */
@Controller
@RequestMapping("/console/tenant/files")
class FilesController {

    static final int PAGE_SIZE = 25;
    private static final int DOWNLOAD_TTL_SECONDS = 60;

    private final GatewayApi api;

    FilesController(GatewayApi api) {
        this.api = api;
    }

    @GetMapping
    String files(FileFilter filter, Model model) {
        GatewayApi.As tenant = api.asCurrentUser();
        Map<String, Object> query = new LinkedHashMap<>(filter.toApiQuery());
        query.put("limit", PAGE_SIZE);
        JsonNode page = tenant.get("/api/v1/files", query);
        model.addAttribute("filter", filter);
        model.addAttribute("files", page.get("items"));
        JsonNode next = page.get("nextCursor");
        model.addAttribute("nextCursor", next == null || next.isNull() ? null : next.asString());

        Map<String, Object> range = new LinkedHashMap<>();
        range.put("createdFrom", query.get("createdFrom"));
        range.put("createdTo", query.get("createdTo"));
        JsonNode stats = tenant.get("/api/v1/files/stats", range);
        model.addAttribute("stats", stats);
        model.addAttribute("totalBytes", FileSizes.readable(stats.get("bytes").asLong()));
        model.addAttribute("perDay", chart(stats.get("perDay"), "day"));
        model.addAttribute("byType", chart(stats.get("byContentType"), "contentType"));
        return "tenant/files";
    }

    @GetMapping("/{fileId}/download")
    String download(@PathVariable UUID fileId) {
        GatewayApi.As tenant = api.asCurrentUser();
        JsonNode file = tenant.get("/api/v1/files/{id}", fileId);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("key", file.get("key").asString());
        request.put("ttlSeconds", DOWNLOAD_TTL_SECONDS);
        String filename = safeFilename(file.get("originalFilename"));
        if (filename != null) {
            request.put("contentDisposition", "attachment; filename=\"" + filename + "\"");
        }
        JsonNode grant = tenant.post("/api/v1/downloads", request);
        return "redirect:" + grant.get("url").asString();
    }

    @PostMapping("/{fileId}/delete")
    String delete(@PathVariable UUID fileId, RedirectAttributes flash) {
        Flash.run(flash, "File deleted.", () -> api.asCurrentUser().delete("/api/v1/files/{id}", fileId));
        return "redirect:/console/tenant/files";
    }

    /** The API accepts simple filenames in a Content-Disposition; anything else downloads under the key's name. */
    private static String safeFilename(JsonNode name) {
        if (name == null || name.isNull()) {
            return null;
        }
        String value = name.asString();
        return value.matches("[\\w .()-]{1,200}") ? value : null;
    }

    private static BarChart chart(JsonNode rows, String labelField) {
        List<BarChart.Point> points = new ArrayList<>();
        if (rows != null) {
            for (JsonNode row : rows) {
                String label = row.get(labelField).isNull() ? "unknown" : row.get(labelField).asString();
                long count = row.get("count").asLong();
                points.add(new BarChart.Point(label, count,
                        count + " files, " + FileSizes.readable(row.get("bytes").asLong())));
            }
        }
        return BarChart.of(points.size() > 14 ? points.subList(points.size() - 14, points.size()) : points);
    }
}
