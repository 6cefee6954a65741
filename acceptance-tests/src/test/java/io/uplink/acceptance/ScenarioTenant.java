package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The cast of a reliability scenario: the running suite, the platform admin, and one freshly onboarded tenant whose
 * backend verifies webhooks. Registered as a static {@code @RegisterExtension} field so the tenant exists before the
 * class's own {@code @BeforeAll} methods and its backend is closed after its {@code @AfterAll} methods.
 */
final class ScenarioTenant implements BeforeAllCallback, AfterAllCallback {

    private final String label;
    private LocalStack suite;
    private PlatformAdmin admin;
    private TenantBackend backend;

    ScenarioTenant(String label) {
        this.label = label;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        suite = RunningSuite.get();
        admin = new PlatformAdmin(suite.gatewayUrl(), RunningSuite.identityProvider());
        backend = TenantBackend.onboard(suite.gatewayUrl(), admin, label);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (backend != null) {
            backend.close();
        }
    }

    LocalStack suite() {
        return suite;
    }

    PlatformAdmin admin() {
        return admin;
    }

    TenantBackend backend() {
        return backend;
    }
}
