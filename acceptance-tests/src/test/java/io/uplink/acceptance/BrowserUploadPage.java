package io.uplink.acceptance;

import io.uplink.localstack.RepositoryRoot;

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

    @Override
    public void close() {
        browser.close();
        example.close();
        tenant.close();
    }
}
