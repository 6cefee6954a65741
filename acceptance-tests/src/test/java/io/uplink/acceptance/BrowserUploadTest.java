package io.uplink.acceptance;

import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unmodified Uppy 6 (its published bundle) in Debian's headless Chromium, on the page of
 * {@code examples/browser-upload}, uploads a small file and a 20 MiB multipart file through the running suite's
 * gateway with an upload token, in both of its signing modes; each file's row and verified {@code file.created}
 * webhook appear within 10 s of Uppy reporting it uploaded, and within the same 10 s the row names its uploader (the
 * token's subject and metadata, the file's own name) and a verified webhook carries them. The page never sees the
 * tenant's API key.
 */
class BrowserUploadTest {

    private static final Duration RECORDED_WITHIN = Duration.ofSeconds(10);
    private static final int SMALL = 3 * 1024;
    private static final int MULTIPART = 20 * 1024 * 1024 + 512;

    @RegisterExtension
    static final BrowserUploadPage.PerClass opened = BrowserUploadPage.perClass("uppy", ChromiumBrowser::start);

    @Test
    void uppyUploadsASmallAndAMultipartFileWithSignRequest() throws IOException {
        uploadsAndIsAnnounced("sign");
    }

    @Test
    void uppyUploadsASmallAndAMultipartFileThroughTheCompanionEndpoint() throws IOException {
        uploadsAndIsAnnounced("companion");
    }

    private void uploadsAndIsAnnounced(String mode) throws IOException {
        BrowserUploadPage page = opened.get();
        Path small = write("notes-" + mode + ".txt", SMALL);
        Path big = write("video-" + mode + ".bin", MULTIPART);
        var driver = page.load(mode);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.uppy != null")));
        assertThat(driver.getPageSource()).doesNotContain(page.tenant().apiKey());

        WebElement input = driver.findElement(By.cssSelector(".uppy-Dashboard-input"));
        input.sendKeys(small.toString() + "\n" + big.toString());
        wait.until(d -> !d.findElements(By.cssSelector(".uppy-StatusBar-actionBtn--upload")).isEmpty());
        page.browser().screenshot("browser-upload-" + mode + "-selected");
        driver.findElement(By.cssSelector(".uppy-StatusBar-actionBtn--upload")).click();

        new WebDriverWait(driver, Duration.ofSeconds(180)).until(d -> {
            Object done = ((JavascriptExecutor) d).executeScript(
                    "const r = window.uplinkResults; return r.failed.length > 0 ? 'failed: ' + JSON.stringify(r.failed)"
                            + " : r.succeeded.length === 2 ? 'done' : null");
            if (done != null && done.toString().startsWith("failed")) {
                page.browser().screenshot("browser-upload-" + mode + "-failed");
                throw new AssertionError("Uppy reported a failed upload in " + mode + " mode: " + done);
            }
            return done != null;
        });
        Instant uploaded = Instant.now();
        page.browser().screenshot("browser-upload-" + mode + "-done");

        for (Path file : List.of(small, big)) {
            long size = Files.size(file);
            VerifiedDelivery webhook = Eventually.await("a verified file.created webhook for " + file.getFileName()
                    + " (" + mode + ")", RECORDED_WITHIN.plus(Duration.ofSeconds(5)),
                    () -> page.tenant().webhooks().stream()
                            .filter(delivery -> TenantBackend.typeOf(delivery).equals("file.created"))
                            .filter(delivery -> TenantBackend.dataOf(delivery).path("key").asString("")
                                    .endsWith(file.getFileName().toString()))
                            .findFirst());
            Duration took = Duration.between(uploaded, Instant.now());
            String key = TenantBackend.dataOf(webhook).path("key").asString();
            assertThat(took).as("%s announced %s after Uppy finished", key, took).isLessThanOrEqualTo(RECORDED_WITHIN);
            JsonNode row = Announcements.recordedExactlyOnce(page.admin(), page.tenant(), key);
            assertThat(row.path("size").asLong()).isEqualTo(size);
            assertThat(key).startsWith(page.tenant().keyPrefix());
            Announcements.announcedExactlyOnce(page.tenant(), row);
            // Uppy never calls back after its last request to the store (a single PUT or POST form, or in signRequest
            // mode the multipart upload it completes in the store itself), and Companion mode's multipart completion
            // goes through Uplink: either way the upload's completion follows the store's notification within
            // seconds and adds the uploader's details to the row, announced by a webhook.
            JsonNode withDetails = Eventually.await("the uploader's subject on the row of " + key, RECORDED_WITHIN,
                    () -> page.admin().filesOf(page.tenant().tenantId(), key).stream()
                            .filter(found -> found.path("metadata").path("subject").asString("")
                                    .equals(BrowserUploadExample.SUBJECT))
                            .findFirst());
            assertThat(Duration.between(uploaded, Instant.now())).as("%s names its uploader", key)
                    .isLessThanOrEqualTo(RECORDED_WITHIN);
            assertThat(withDetails.path("metadata").path("uploaded-from").asString())
                    .isEqualTo("browser-upload-example");
            assertThat(withDetails.path("originalFilename").asString()).isEqualTo(file.getFileName().toString());
            Eventually.await("a verified webhook for " + key + " that names its uploader", RECORDED_WITHIN,
                    () -> page.tenant().webhooksFor(key).stream()
                            .filter(delivery -> TenantBackend.dataOf(delivery).path("metadata").path("subject")
                                    .asString("").equals(BrowserUploadExample.SUBJECT))
                            .findFirst());
            assertThat(Duration.between(uploaded, Instant.now())).as("%s announced with its uploader", key)
                    .isLessThanOrEqualTo(RECORDED_WITHIN);
        }
    }

    private static Path write(String name, int size) throws IOException {
        Path file = opened.get().files().resolve(name);
        byte[] chunk = new byte[64 * 1024];
        Random random = new Random(size);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, Math.min(chunk.length, size - written));
            }
        }
        return file;
    }
}
