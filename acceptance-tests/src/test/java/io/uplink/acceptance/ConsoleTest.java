package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import io.uplink.localstack.RepositoryRoot;
import io.uplink.localstack.webhook.DemoWebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console at {@code /console} of the running suite, in headless Chromium, as its two kinds of users meet
 * it: the first admin signs in with the local stack's admin key, creates a tenant, sets its CORS origins and
 * limits, issues its key, reads the system's status and rotates an admin key; the tenant signs in with its key, adds
 * a webhook endpoint, uploads a file with Uppy's Dashboard to 100 %, finds it in the file list and its delivery with
 * the attempt in the log, and resends it. Every page is saved as a screenshot at 1280 and 390 pixels under
 * {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTest {

    private static LocalStack suite;
    private static ChromiumBrowser browser;
    private static ConsolePages console;
    private static DemoWebhookReceiver receiver;
    private static Path files;
    private static String tenantId;
    private static String tenantKey;

    @BeforeAll
    static void openTheConsole() throws IOException {
        suite = RunningSuite.get();
        browser = ChromiumBrowser.start(RepositoryRoot.locate(Path.of("").toAbsolutePath()));
        console = new ConsolePages(browser, suite.gatewayUrl());
        // under the prefix the suite's store announces, so uploads are recorded as soon as they land
        tenantId = RunningSuite.BROWSER_TENANTS + "console-" + UUID.randomUUID().toString().substring(0, 8);
        receiver = DemoWebhookReceiver.start(0, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
        files = Files.createTempDirectory("console-upload");
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    @Order(1)
    void theSignInPageRefusesACredentialTheGatewayDoesNotAccept() {
        console.open("/console/sign-in");
        console.check("sign-in");
        console.signInExpectingRefusal("upk_local_" + "x".repeat(32));
        assertThat(console.notice()).contains("does not accept");
        console.open("/console/admin/tenants");
        assertThat(console.path()).as("pages need a session").isEqualTo("/console/sign-in");
    }

    @Test
    @Order(2)
    void anAdminOfTheIdentityProviderSignsInThroughItOrWithItsAccessToken() {
        console.open("/console/sign-in");
        console.driver().findElement(By.id("oidc-sign-in")).click();
        new WebDriverWait(console.driver(), Duration.ofSeconds(20)).until(d -> console.path().startsWith("/console/admin"));
        assertThat(console.path()).isEqualTo("/console/admin/tenants");
        assertThat(console.text(".who")).startsWith("admin");
        console.signOut();

        console.signIn(RunningSuite.identityProvider().adminToken("ops@console", Duration.ofMinutes(5)));
        assertThat(console.path()).isEqualTo("/console/admin/tenants");
        console.signOut();
    }

    @Test
    @Order(3)
    void theFirstAdminCreatesATenantSetsItsOriginsAndLimitsAndIssuesItsKey() {
        console.signIn(suite.adminKey());
        assertThat(console.path()).isEqualTo("/console/admin/tenants");
        assertThat(console.text("#main")).contains("demo");
        console.check("admin-tenants");
        // the key stays on the server: the browser holds an HttpOnly, SameSite=Lax session cookie and nothing else
        var cookie = console.driver().manage().getCookieNamed("UPLINK_CONSOLE");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(cookie.getPath()).isEqualTo("/console");
        Object stored = ((JavascriptExecutor) console.driver()).executeScript(
                "return document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
        assertThat(stored.toString()).doesNotContain(suite.adminKey()).isEqualTo("{}{}");

        console.fill("id", tenantId);
        console.fill("name", "Console Co");
        console.press("Create tenant");
        assertThat(console.path()).isEqualTo("/console/admin/tenants/" + tenantId);
        assertThat(console.notice()).contains("created");

        console.fill("corsOrigins", "https://app.console.example\nhttp://localhost:*");
        console.fill("maxObjectSize", String.valueOf(50 * 1024 * 1024));
        console.fill("allowedContentTypes", "text/*\nimage/*");
        console.fill("requestsPerSecond", "40");
        console.fill("burst", "80");
        console.press("Save settings");
        assertThat(console.notice()).isEqualTo("Settings saved.");
        assertThat(console.field("corsOrigins").getAttribute("value")).contains("https://app.console.example");
        assertThat(console.field("maxObjectSize").getAttribute("value")).isEqualTo("52428800");
        assertThat(console.field("allowedContentTypes").getAttribute("value")).contains("image/*");

        console.press("Create API key");
        tenantKey = console.text("#issued-key");
        assertThat(tenantKey).matches("upk_local_[0-9A-Za-z]{32}");
        console.check("admin-tenant");
        console.open("/console/admin/tenants/" + tenantId);
        assertThat(console.driver().getPageSource()).as("a key is shown once").doesNotContain(tenantKey);
        console.signOut();
    }

    @Test
    @Order(4)
    void theAdminSeesTheSystemsStatusAndRotatesAnAdminKey() {
        console.signIn(suite.adminKey());
        console.open("/console/admin/status");
        assertThat(console.text("#main")).contains("Service instances").contains("gateway").contains("Leader:")
                .contains("Consumer lag").contains("Dead letters");
        console.check("admin-status");

        console.open("/console/admin/keys");
        console.fill("label", "console test");
        console.press("Issue admin key");
        String issued = console.text("#issued-key");
        assertThat(issued).matches("upk_local_[0-9A-Za-z]{32}");
        String keyId = console.driver().findElement(By.xpath("//strong[starts-with(normalize-space(),'New admin key')]/span"))
                .getText();
        console.check("admin-keys");
        console.follow(console.driver().findElement(By.cssSelector("button[aria-label='Revoke admin key " + keyId + "']")));
        assertThat(console.notice()).contains(keyId);
        console.signOut();
        console.signInExpectingRefusal(issued);
    }

    @Test
    @Order(5)
    void theTenantAddsAWebhookEndpointUploadsWithTheDashboardAndFindsTheFileAndItsDelivery() throws IOException {
        assertThat(tenantKey).as("the admin issued the tenant's key").isNotNull();
        console.signIn(tenantKey);
        assertThat(console.path()).isEqualTo("/console/tenant/files");

        console.open("/console/tenant/webhooks");
        console.fill("url", receiver.url());
        console.fill("description", "console test backend");
        console.driver().findElement(By.cssSelector("input[name=eventTypes][value='file.created']")).click();
        console.press("Add endpoint");
        String secret = console.text("#issued-secret");
        assertThat(secret).startsWith("whsec_");
        receiver.trust(secret);
        assertThat(console.text("#endpoints")).contains(receiver.url());
        console.check("tenant-webhooks");

        console.open("/console/tenant/upload");
        var driver = console.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.uppy != null")));
        assertThat(driver.getPageSource()).as("the page never holds the tenant's key").doesNotContain(tenantKey);
        console.check("tenant-upload");

        Path report = files.resolve("quarterly-report.txt");
        Files.writeString(report, "console upload ".repeat(4096));
        driver.findElement(By.cssSelector(".uppy-Dashboard-input")).sendKeys(report.toString());
        wait.until(d -> !d.findElements(By.cssSelector(".uppy-StatusBar-actionBtn--upload")).isEmpty());
        driver.findElement(By.cssSelector(".uppy-StatusBar-actionBtn--upload")).click();
        new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> {
            Object failed = ((JavascriptExecutor) d).executeScript(
                    "return window.consoleUploads.failed.length ? JSON.stringify(window.consoleUploads.failed) : null");
            if (failed != null) {
                browser.screenshot("console-tenant-upload-failed");
                throw new AssertionError("the Dashboard reported a failed upload: " + failed);
            }
            return !d.findElements(By.cssSelector(".uppy-StatusBar [role=progressbar][aria-valuenow='100']")).isEmpty()
                    && Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "return window.consoleUploads.succeeded.length === 1"));
        });
        browser.screenshot("console-tenant-upload-done-desktop");

        Eventually.await("the uploaded file in the console's file list", Duration.ofSeconds(20), () -> {
            console.open("/console/tenant/files");
            return console.text("#files").contains("quarterly-report.txt") ? java.util.Optional.of(true)
                    : java.util.Optional.<Boolean>empty();
        });
        assertThat(console.text("#files")).contains("tenants/" + tenantId + "/");
        assertThat(console.driver().getPageSource()).contains("Files by type").contains("text/plain");
        console.check("tenant-files");

        Eventually.await("a verified file.created webhook for the console's upload", Duration.ofSeconds(20),
                () -> receiver.deliveries().stream().filter(delivery -> delivery.body().contains("quarterly-report.txt")
                                && delivery.body().contains("file.created"))
                        .findFirst());

        // The upload's completion follows the store's notification within seconds and is announced as file.updated,
        // which this endpoint did not subscribe to: the file.created message is the one that was delivered.
        console.open("/console/tenant/deliveries?eventType=file.created");
        assertThat(console.text("#messages")).contains("file.created").contains("succeeded");
        console.check("tenant-deliveries");
        console.follow(console.driver().findElement(By.cssSelector("#messages a")));
        assertThat(console.text("#attempts")).contains("succeeded").contains("204");
        console.check("tenant-delivery");
        // file.created, and file.updated when the store's notification recorded the file first
        long deliveredBefore = receiver.deliveries().stream()
                .filter(delivery -> delivery.body().contains("quarterly-report.txt")).count();
        console.press("Resend to every endpoint");
        assertThat(console.notice()).contains("1 delivery");
        Eventually.await("the resent delivery at the tenant's backend", Duration.ofSeconds(20), () ->
                receiver.deliveries().stream().filter(delivery -> delivery.body().contains("quarterly-report.txt"))
                        .count() > deliveredBefore ? java.util.Optional.of(true) : java.util.Optional.<Boolean>empty());
    }

    @Test
    @Order(6)
    void aTenantSeesNothingOfAnotherTenantAndCannotReachAdminPages() {
        console.open("/console/admin/tenants");
        assertThat(console.heading()).isEqualTo("Not for you");
        console.check("forbidden");

        console.open("/console/tenant/files?keyPrefix=tenants/demo/");
        assertThat(console.text("#files")).doesNotContain("tenants/demo/");
        console.open("/console/tenant/files/" + UUID.randomUUID() + "/download");
        assertThat(console.heading()).isIn("Not Found", "Forbidden");
        console.signOut();
    }
}
