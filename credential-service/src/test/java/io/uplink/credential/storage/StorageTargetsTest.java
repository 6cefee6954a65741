package io.uplink.credential.storage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How configuration becomes targets: names, required fields, addressing style and client tuning per target. */
class StorageTargetsTest {

    static final StorageClientProperties TUNING = new StorageClientProperties(64, Duration.ofSeconds(2),
            Duration.ofSeconds(10), Duration.ofSeconds(20), 3, Duration.ofMillis(100), Duration.ofSeconds(20));

    static StorageProperties storage(Map<String, StorageTargetProperties> targets) {
        return new StorageProperties(URI.create("http://127.0.0.1:9000"), "us-east-1", "default-access",
                "default-secret", "uplink-uploads", true, null, StorageKind.GENERIC, null, targets, null);
    }

    static StorageTargetProperties target(String endpoint, StorageKind kind, String bucket) {
        return new StorageTargetProperties(endpoint == null ? null : URI.create(endpoint), "eu-central-1",
                "access-" + bucket, "secret-" + bucket, bucket, null, null, kind, null, null, null, null);
    }

    @Test
    void theTopLevelStorageIsTheTargetNamedDefault() {
        StorageTargets targets = StorageTargets.from(storage(Map.of()), TUNING);
        try {
            StorageTarget target = targets.named("default");
            assertThat(target.bucket()).isEqualTo("uplink-uploads");
            assertThat(target.accessKey()).isEqualTo("default-access");
            assertThat(target.bucketUrl()).isEqualTo(URI.create("http://127.0.0.1:9000/uplink-uploads"));
            assertThat(targets.named(null)).isSameAs(target);
        } finally {
            targets.destroy();
        }
    }

    @Test
    void namedTargetsGetTheirOwnClientsKeysAndAddressing() {
        StorageTargets targets = StorageTargets.from(storage(Map.of(
                "eu-oss", target("https://oss-eu-central-1.aliyuncs.com", StorageKind.OSS, "acme-eu"),
                "lab", target("http://minio:9000", StorageKind.MINIO, "lab-uploads"),
                "r2", target("https://0123abcd.r2.cloudflarestorage.com", StorageKind.R2, "r2-uploads"))), TUNING);
        try {
            StorageTarget oss = targets.named("eu-oss");
            assertThat(oss.kind()).isEqualTo(StorageKind.OSS);
            assertThat(oss.region()).isEqualTo("eu-central-1");
            assertThat(oss.accessKey()).isEqualTo("access-acme-eu");
            assertThat(oss.s3()).isNotSameAs(targets.named("default").s3());
            assertThat(oss.presigner()).isNotSameAs(targets.named("default").presigner());
            assertThat(oss.bucketUrl()).as("OSS needs virtual-hosted addressing")
                    .isEqualTo(URI.create("https://acme-eu.oss-eu-central-1.aliyuncs.com/"));
            assertThat(targets.named("lab").bucketUrl()).isEqualTo(URI.create("http://minio:9000/lab-uploads"));
            assertThat(targets.named("r2").bucketUrl())
                    .isEqualTo(URI.create("https://r2-uploads.0123abcd.r2.cloudflarestorage.com/"));
            assertThat(targets.all()).hasSize(4);
        } finally {
            targets.destroy();
        }
    }

    @Test
    void anUnknownNameIsAnErrorNamingTheTargetNeverTheDefaultStore() {
        StorageTargets targets = StorageTargets.from(storage(Map.of()), TUNING);
        try {
            assertThatThrownBy(() -> targets.named("eu"))
                    .isInstanceOfSatisfying(UnknownStorageTargetException.class,
                            e -> assertThat(e.target()).isEqualTo("eu"))
                    .hasMessageContaining("'eu'");
        } finally {
            targets.destroy();
        }
    }

    @Test
    void refusesConfigurationThatCannotWork() {
        assertThatThrownBy(() -> StorageTargets.from(storage(Map.of("default",
                target(null, StorageKind.AWS, "b"))), TUNING)).hasMessageContaining("uplink.credential.storage.*");
        assertThatThrownBy(() -> StorageTargets.from(storage(Map.of("EU_West",
                target(null, StorageKind.AWS, "b"))), TUNING)).hasMessageContaining("must match");
        assertThatThrownBy(() -> StorageTargets.from(storage(Map.of("eu",
                target(null, StorageKind.AWS, ""))), TUNING)).hasMessageContaining("uplink.credential.storage.targets.eu.bucket");
    }

    @Test
    void namedTargetsCanComeFromEnvironmentVariables() {
        Map<String, Object> env = Map.of(
                "UPLINK_CREDENTIAL_STORAGE_REGION", "us-east-1", "UPLINK_CREDENTIAL_STORAGE_ACCESS_KEY", "a",
                "UPLINK_CREDENTIAL_STORAGE_SECRET_KEY", "s", "UPLINK_CREDENTIAL_STORAGE_BUCKET", "uplink-uploads",
                "UPLINK_CREDENTIAL_STORAGE_TARGETS_EU_ENDPOINT", "https://oss-eu-central-1.aliyuncs.com",
                "UPLINK_CREDENTIAL_STORAGE_TARGETS_EU_KIND", "oss",
                "UPLINK_CREDENTIAL_STORAGE_TARGETS_EU_BUCKET", "acme-eu",
                "UPLINK_CREDENTIAL_STORAGE_TARGETS_EU_CLIENT_MAXATTEMPTS", "5",
                "UPLINK_CREDENTIAL_STORAGE_TARGETS_EU_STS_ROLEARN", "acs:ram::1:role/uplink");
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)));

        StorageProperties bound = binder.bind("uplink.credential.storage", StorageProperties.class).get();

        StorageTargetProperties eu = bound.targets().get("eu");
        assertThat(eu.kind()).isEqualTo(StorageKind.OSS);
        assertThat(eu.bucket()).isEqualTo("acme-eu");
        assertThat(eu.region()).as("defaulted").isEqualTo("us-east-1");
        assertThat(eu.client().maxAttempts()).isEqualTo(5);
        assertThat(eu.sts()).as("no STS endpoint, so no STS").isNull();
        assertThat(eu.pathStyle()).isFalse();
    }

    @Test
    void aTargetOverridesOnlyTheClientSettingsItNames() {
        var own = new StorageTargetProperties.Client(8, null, Duration.ofSeconds(30), null, 5, null,
                Duration.ofSeconds(2));

        StorageClientProperties merged = TUNING.overriddenBy(own);

        assertThat(merged).isEqualTo(new StorageClientProperties(8, Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(20), 5, Duration.ofMillis(100), Duration.ofSeconds(2)));
        assertThat(TUNING.overriddenBy(null)).isSameAs(TUNING);
    }
}
