package io.uplink.callback.endpoint;

import io.uplink.contracts.FileEvent;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The event types an endpoint may subscribe to; an empty subscription means all of them. */
public final class EventTypes {

    public static final Set<String> KNOWN =
            Set.of(FileEvent.FILE_CREATED, FileEvent.FILE_UPDATED, FileEvent.FILE_DELETED, FileEvent.FILE_REJECTED);

    private EventTypes() {
    }

    /** @throws InvalidEndpointException naming the unknown types */
    public static List<String> checked(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        Set<String> unknown = new TreeSet<>(requested);
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new InvalidEndpointException("unknown event types " + unknown + "; known: " + new TreeSet<>(KNOWN));
        }
        return List.copyOf(new TreeSet<>(requested));
    }
}
