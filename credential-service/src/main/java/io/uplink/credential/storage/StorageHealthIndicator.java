package io.uplink.credential.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HeadBucket on every target's bucket with that target's credentials. Down only when no target answers: one
 * store's outage must not take the service (and the tenants of the other stores) out of the load balancer; its
 * own tenants get 503 problems from the failing store calls, and the details name the failing target.
 */
@Component("s3")
class StorageHealthIndicator extends AbstractHealthIndicator {

    private final StorageTargets targets;

    StorageHealthIndicator(StorageTargets targets) {
        super("S3 HeadBucket failed");
        this.targets = targets;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        int up = 0;
        for (StorageTarget target : targets.all()) {
            try {
                target.s3().headBucket(request -> request.bucket(target.bucket()));
                details.put(target.name(), Map.of("status", "UP", "bucket", target.bucket()));
                up++;
            } catch (RuntimeException e) {
                details.put(target.name(), Map.of("status", "DOWN", "bucket", target.bucket(),
                        "error", e.getClass().getSimpleName()));
            }
        }
        (up > 0 ? builder.up() : builder.down()).withDetail("targets", details);
    }
}
