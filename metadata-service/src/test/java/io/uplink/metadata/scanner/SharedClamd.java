package io.uplink.metadata.scanner;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The clamd of this module's shared application context ({@code @MetadataServiceTest}): one {@link FakeClamd} per
 * test JVM, configured as the scanner, with a 1 MiB object limit so that a test can exceed it cheaply.
 */
public final class SharedClamd implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final long MAX_OBJECT_BYTES = 1024 * 1024;
    public static final FakeClamd CLAMD = FakeClamd.start(10 * MAX_OBJECT_BYTES);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "uplink.metadata.scanner.clamd.host=127.0.0.1",
                "uplink.metadata.scanner.clamd.port=" + CLAMD.port(),
                "uplink.metadata.scanner.clamd.max-size=" + MAX_OBJECT_BYTES + "B",
                "uplink.metadata.scanner.sweep-interval-ms=200").applyTo(context);
    }
}
