package io.uplink.acceptance;

import io.uplink.localstack.RepositoryRoot;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser-upload test stands on: a tenant of the running suite that allows its pages' loopback origins, the
 * example's backend minting its upload tokens, headless Chromium, and a folder for the files the user picks.
 */
record BrowserUploadPage(PlatformAdmin admin, TenantBackend tenant, BrowserUploadExample example,
                         ChromiumBrowser browser, Path files) implements AutoCloseable {

    /**
     * @param tenantName what follows the browser tenants' prefix
     * @param chromium   how Chromium starts, given the repository root
     */
    static BrowserUploadPage open(String tenantName, Function<Path, ChromiumBrowser> chromium) throws IOException {
        var suite = RunningSuite.get();
        Path repository = RepositoryRoot.locate(Path.of("").toAbsolutePath());
        PlatformAdmin admin = new PlatformAdmin(suite.gatewayUrl(), RunningSuite.identityProvider());
        TenantBackend tenant = TenantBackend.onboard(suite.gatewayUrl(), admin, RunningSuite.BROWSER_TENANTS + tenantName);
        Gateway.Answer origins = tenant.gateway().put("/api/v1/tenant/cors-origins",
                Map.of("corsOrigins", List.of("http://127.0.0.1:*")));
        assertThat(origins.status()).as("the tenant allows its pages' origins: %s", origins.body()).isEqualTo(200);
        ChromiumBrowser browser = chromium.apply(repository);
        BrowserUploadExample example = BrowserUploadExample.start(repository, suite.gatewayUrl(), tenant.apiKey());
        return new BrowserUploadPage(admin, tenant, example, browser, Files.createTempDirectory("browser-" + tenantName));
    }

    /** The page of one test class: {@code @RegisterExtension static final PerClass opened = perClass(...)}. */
    static PerClass perClass(String tenantName, Function<Path, ChromiumBrowser> chromium) {
        return new PerClass(tenantName, chromium);
    }

    /**
     * Loads the example page in {@code mode} with nothing left of the class's earlier tests. Golden Retriever saves
     * Uppy's state at most every 500 ms, so a page left right after its upload finished may have kept that file as
     * still uploading, and the next load would restore it instead of showing an empty uploader. The browser leaves
     * the page first, which ends its pending saves, then the page's IndexedDB and local storage are cleared.
     */
    ChromeDriver load(String mode) {
        ChromeDriver driver = browser.driver();
        driver.get("about:blank");
        driver.executeCdpCommand("Storage.clearDataForOrigin",
                Map.of("origin", example.url(), "storageTypes", "indexeddb,local_storage"));
        driver.get(example.url() + "/?mode=" + mode);
        return driver;
    }

    @Override
    public void close() {
        browser.close();
        example.close();
        tenant.close();
    }

    /** Opens the page before the first test of its class and closes it after the last. */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {

        private final String tenantName;
        private final Function<Path, ChromiumBrowser> chromium;
        private BrowserUploadPage page;

        private PerClass(String tenantName, Function<Path, ChromiumBrowser> chromium) {
            this.tenantName = tenantName;
            this.chromium = chromium;
        }

        BrowserUploadPage get() {
            assertThat(page).as("the browser-upload page, opened before the class's tests").isNotNull();
            return page;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            page = open(tenantName, chromium);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (page != null) {
                page.close();
                page = null;
            }
        }
    }
}
