package io.uplink.metadata.tenant;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.scanner.Scanners;
import io.uplink.servlet.identity.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Uploads held for a scanner nobody configured would wait for ever: such settings are refused. */
class ScanUploadsNeedAScannerTest {

    private final TenantController withoutScanner = new TenantController(null, new Scanners(Optional.empty()));
    private final Caller admin = new Caller(null, "ops", List.of(IdentityAssertion.ROLE_ADMIN), null);
    private final TenantSettings scanned = new TenantSettings(null, null, null, null, null, null, true, null, null, null, null, null);

    @Test
    void settingsAskingForScansAreRefusedWhereNoScannerIsConfigured() {
        assertThatThrownBy(() -> withoutScanner.updateSettings(admin, "acme", scanned))
                .isInstanceOfSatisfying(ResponseStatusException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                    org.assertj.core.api.Assertions.assertThat(e.getReason()).contains("uplink.metadata.scanner.clamd.host");
                });
        assertThatThrownBy(() -> withoutScanner.create(admin, new TenantController.CreateTenant("acme", "Acme", scanned)))
                .isInstanceOf(ResponseStatusException.class);
    }
}
