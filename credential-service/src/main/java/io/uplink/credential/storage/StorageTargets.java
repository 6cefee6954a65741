package io.uplink.credential.storage;

import org.springframework.beans.factory.DisposableBean;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Every configured target by name, each with the one S3 client and presigner it uses for its whole life. */
public class StorageTargets implements DisposableBean {

    /** The same rule as metadata-service's tenant settings {@code storageTarget}. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,63}");

    private final Map<String, StorageTarget> targets;

    StorageTargets(StorageProperties storage, StorageClientProperties tuning, StorageClientFactory clients) {
        Map<String, StorageTarget> built = new LinkedHashMap<>();
        built.put(StorageTarget.DEFAULT, clients.build(StorageTarget.DEFAULT, storage.defaultTarget(), tuning));
        storage.targets().forEach((name, config) -> {
            check(name, config);
            built.put(name, clients.build(name, config, tuning));
        });
        this.targets = Map.copyOf(built);
    }

    /** Builds every target's clients; the caller owns the result and {@link #destroy() closes} it. */
    public static StorageTargets from(StorageProperties storage, StorageClientProperties tuning) {
        return new StorageTargets(storage, tuning, new StorageClientFactory());
    }

    private static void check(String name, StorageTargetProperties config) {
        if (StorageTarget.DEFAULT.equals(name)) {
            throw new IllegalStateException("uplink.credential.storage.targets.default: the default target is configured by "
                    + "uplink.credential.storage.* itself (UPLINK_S3_*)");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException("storage target name '" + name + "' must match " + NAME);
        }
        for (var required : Map.of("bucket", nonNull(config.bucket()), "access-key", nonNull(config.accessKey()),
                "secret-key", nonNull(config.secretKey())).entrySet()) {
            if (required.getValue().isBlank()) {
                throw new IllegalStateException("uplink.credential.storage.targets." + name + "." + required.getKey() + " is required");
            }
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** @throws UnknownStorageTargetException when no target has that name */
    public StorageTarget named(String name) {
        StorageTarget target = targets.get(name == null ? StorageTarget.DEFAULT : name);
        if (target == null) {
            throw new UnknownStorageTargetException(name);
        }
        return target;
    }

    public Collection<StorageTarget> all() {
        return targets.values();
    }

    @Override
    public void destroy() {
        targets.values().forEach(StorageTarget::close);
    }
}
