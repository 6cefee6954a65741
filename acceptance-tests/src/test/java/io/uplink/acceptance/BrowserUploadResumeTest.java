package io.uplink.acceptance;

import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page of {@code examples/browser-upload} is reloaded in the middle of a multipart upload, after some parts
 * reached the store; Golden Retriever (with its service worker, which keeps files above IndexedDB's 10 MiB) restores
 * the file, the user clicks Upload, and Uppy continues the same multipart upload: the parts the store already holds
 * are not sent again, and the file ends as one row and one {@code file.created} webhook; a page loaded right after
 * that does not offer the uploaded file again. The browser's upload speed
 * is throttled so that the reload lands between parts; every part upload is read from the browser's own network
 * events.
 */
class BrowserUploadResumeTest {

    private static final int SIZE = 20 * 1024 * 1024 + 512;
    /** Uppy's parts are 5 MiB: five of them, the last of 512 bytes. */
    private static final int PARTS = 5;
    private static final int BYTES_PER_SECOND = 4 * 1024 * 1024;

    @RegisterExtension
    static final BrowserUploadPage.PerClass opened =
            BrowserUploadPage.perClass("resume", ChromiumBrowser::startRecordingNetwork);

    @Test
    void aReloadedPageResumesTheMultipartUploadWithoutSendingStoredPartsAgainWithSignRequest() throws IOException {
        resumesAfterAReload("sign");
    }

    @Test
    void aReloadedPageResumesTheMultipartUploadWithoutSendingStoredPartsAgainThroughTheCompanionEndpoint()
            throws IOException {
        resumesAfterAReload("companion");
    }

    private void resumesAfterAReload(String mode) throws IOException {
        BrowserUploadPage page = opened.get();
        Path big = write("reloaded-" + mode + ".bin");
        ChromeDriver driver = page.load(mode);
        PartUploads parts = new PartUploads();
        awaitUppy(driver);
        assertThat(script(driver, "return navigator.serviceWorker.controller != null"))
                .as("the page is controlled by Golden Retriever's service worker").isEqualTo(true);
        page.browser().networkEvents(); // what came before this upload

        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setUploadThroughput(BYTES_PER_SECOND);
        slow.setDownloadThroughput(BYTES_PER_SECOND);
        driver.setNetworkConditions(slow);
        driver.findElement(By.cssSelector(".uppy-Dashboard-input")).sendKeys(big.toString());
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.cssSelector(".uppy-StatusBar-actionBtn--upload")).isEmpty());
        driver.findElement(By.cssSelector(".uppy-StatusBar-actionBtn--upload")).click();

        new WebDriverWait(driver, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(100)).until(d -> {
            parts.read(page.browser().networkEvents());
            return parts.timesStored().size() >= 2;
        });
        page.browser().screenshot("browser-upload-" + mode + "-before-reload");
        driver.navigate().refresh();
        parts.read(page.browser().networkEvents());
        int storedBeforeTheReload = parts.timesStored().size();
        System.out.printf("browser-resume | %s: %d of %d parts in the store when the page reloaded%n", mode,
                storedBeforeTheReload, PARTS);
        assertThat(storedBeforeTheReload).as("parts stored when the page reloaded").isBetween(2, PARTS - 1);

        awaitUppy(driver);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(script(d,
                "return window.uppy.getFiles().length === 1 && window.uppy.getState().recoveredState != null")));
        assertThat(script(driver, "return window.uppy.getFiles()[0].isGhost"))
                .as("the file's bytes came back from the service worker").isEqualTo(false);
        page.browser().screenshot("browser-upload-" + mode + "-restored");
        driver.deleteNetworkConditions();
        driver.findElement(By.cssSelector(".uppy-StatusBar-actionBtn--upload")).click();
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> {
            Object done = script(d, "const r = window.uplinkResults; return r.failed.length > 0"
                    + " ? 'failed: ' + JSON.stringify(r.failed) : r.succeeded.length === 1 ? 'done' : null");
            if (done != null && done.toString().startsWith("failed")) {
                page.browser().screenshot("browser-upload-" + mode + "-resume-failed");
                throw new AssertionError("Uppy reported a failed upload after the reload in " + mode + " mode: "
                        + done);
            }
            return done != null;
        });
        page.browser().screenshot("browser-upload-" + mode + "-resumed");
        parts.read(page.browser().networkEvents());

        driver.navigate().refresh(); // at once: Golden Retriever may not have saved the finished state yet
        awaitUppy(driver);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(script(d,
                "return window.uplinkResults.restored")));
        assertThat(script(driver, "return window.uppy.getFiles().length"))
                .as("files offered again on a page loaded right after the upload finished").isEqualTo(0L);
        assertThat(driver.findElements(By.cssSelector(".uppy-Dashboard-input"))).as("the empty uploader").isNotEmpty();
        page.browser().screenshot("browser-upload-" + mode + "-reloaded-when-done");

        assertThat(parts.timesStored())
                .as("times the store took each part (%d before the reload)", storedBeforeTheReload)
                .isEqualTo(IntStream.rangeClosed(1, PARTS).boxed()
                        .collect(Collectors.toMap(number -> number, number -> 1)));
        assertThat(parts.uploadIds()).as("multipart uploads the parts went to").hasSize(1);
        VerifiedDelivery webhook = Eventually.await("a verified file.created webhook for " + big.getFileName(),
                Announcements.PIPELINE, () -> page.tenant().webhooks().stream()
                        .filter(delivery -> TenantBackend.typeOf(delivery).equals("file.created"))
                        .filter(delivery -> TenantBackend.dataOf(delivery).path("key").asString("")
                                .endsWith(big.getFileName().toString()))
                        .findFirst());
        String key = TenantBackend.dataOf(webhook).path("key").asString();
        JsonNode row = Announcements.recordedExactlyOnce(page.admin(), page.tenant(), key);
        assertThat(row.path("size").asLong()).isEqualTo(SIZE);
        Announcements.announcedExactlyOnce(page.tenant(), row);
        assertThat(page.tenant().webhooks().stream()
                .filter(delivery -> TenantBackend.typeOf(delivery).equals("file.created"))
                .filter(delivery -> TenantBackend.dataOf(delivery).path("originalFilename").asString("")
                        .equals(big.getFileName().toString())))
                .as("file.created webhooks of files named %s", big.getFileName()).hasSize(1);
    }

    private static void awaitUppy(ChromeDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> Boolean.TRUE.equals(script(d,
                "return window.uppy != null")));
    }

    private static Object script(WebDriver driver, String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static Path write(String name) throws IOException {
        Path file = opened.get().files().resolve(name);
        byte[] chunk = new byte[64 * 1024];
        Random random = new Random(name.hashCode());
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < SIZE; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, Math.min(chunk.length, SIZE - written));
            }
        }
        return file;
    }
}
