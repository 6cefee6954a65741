package io.uplink.localstack.provision;

import io.uplink.contracts.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Keeps the demo tenant's one-time secrets beside the data they belong to, so a second start shows them again. */
public final class DemoTenantStore {

    private final Path file;

    public DemoTenantStore(Path dataDirectory) {
        this.file = dataDirectory.resolve("demo-tenant.json");
    }

    public Optional<DemoTenant> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventJson.mapper().readValue(Files.readAllBytes(file), DemoTenant.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public void save(DemoTenant tenant) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tenant));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save " + file, e);
        }
    }
}
