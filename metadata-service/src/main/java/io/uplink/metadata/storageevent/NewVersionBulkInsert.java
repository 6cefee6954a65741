package io.uplink.metadata.storageevent;

import io.uplink.metadata.file.NewFileVersions;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The common case in two statements per batch instead of several per event: creates of object versions that no
 * other event of the batch touches are recorded as {@link NewFileVersions} in one go. For such an event this is
 * exactly what the per-event path does when it finds no row; everything else (versions that already exist, removes,
 * versions with several events in the batch) is left to the per-event path, which orders them by sequencer. Must
 * run inside the caller's transaction.
 */
@Component
class NewVersionBulkInsert {

    private final NewFileVersions versions;

    NewVersionBulkInsert(NewFileVersions versions) {
        this.versions = versions;
    }

    /** @return the events not inserted here, in their original order, for the per-event path */
    List<StorageEventApplier.TenantEvent> insertNewVersions(List<StorageEventApplier.TenantEvent> events) {
        Map<List<String>, Integer> eventsPerVersion = new HashMap<>();
        for (StorageEventApplier.TenantEvent event : events) {
            eventsPerVersion.merge(version(event.event()), 1, Integer::sum);
        }
        List<StorageEventApplier.TenantEvent> candidates = new ArrayList<>();
        for (StorageEventApplier.TenantEvent event : events) {
            if (event.event().kind() == StorageEvent.Kind.CREATED && eventsPerVersion.get(version(event.event())) == 1) {
                candidates.add(event);
            }
        }
        if (candidates.isEmpty()) {
            return events;
        }
        boolean[] recorded = versions.record(candidates.stream().map(StorageEventApplier.TenantEvent::asNewVersion).toList());
        Set<StorageEventApplier.TenantEvent> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < candidates.size(); i++) {
            if (recorded[i]) {
                done.add(candidates.get(i));
            }
        }
        List<StorageEventApplier.TenantEvent> rest = new ArrayList<>();
        for (StorageEventApplier.TenantEvent event : events) {
            if (!done.contains(event)) {
                rest.add(event);
            }
        }
        return rest;
    }

    private static List<String> version(StorageEvent event) {
        return Arrays.asList(event.bucket(), event.key(), event.versionId());
    }
}
