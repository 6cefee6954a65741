package io.uplink.acceptance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The course of the infrastructure-outage scenarios: clients upload through the gateway, a piece of infrastructure
 * is taken away once {@code stopAfter} uploads completed, brought back after {@code outage}, and the clients finish.
 */
record OutageDuringUploads(int clients, int uploadsPerClient, int stopAfter, Duration outage) {

    /** What happened, for the ledger's notes. */
    record Course(List<String> keys, int completedAtStop, int webhooksAtStop, Duration stoppedAfter,
                  int completedWhileDown, Duration comingBack, Duration uploading, String retries) {
    }

    Course run(TenantBackend tenant, Runnable stop, Runnable start) throws Exception {
        Instant began = Instant.now();
        UploadLoad load = new UploadLoad(tenant, Duration.ofMinutes(3)).start(clients, uploadsPerClient);
        load.awaitCompleted(stopAfter, Duration.ofMinutes(3));
        Instant stoppedAt = Instant.now();
        stop.run();
        int completedAtStop = load.completed();
        int webhooksAtStop = tenant.webhooks().size();
        Thread.sleep(outage.toMillis());
        int completedWhileDown = load.completed() - completedAtStop;
        Instant starting = Instant.now();
        start.run();
        Duration comingBack = Duration.between(starting, Instant.now());
        List<String> keys = load.finish(Duration.ofMinutes(5));
        return new Course(keys, completedAtStop, webhooksAtStop, Duration.between(began, stoppedAt), completedWhileDown,
                comingBack, Duration.between(began, Instant.now()), load.retries());
    }

    int uploads() {
        return clients * uploadsPerClient;
    }
}
