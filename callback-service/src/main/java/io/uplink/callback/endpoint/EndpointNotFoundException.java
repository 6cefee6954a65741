package io.uplink.callback.endpoint;

import java.util.UUID;

/** No such endpoint for the caller's tenant (another tenant's endpoint is equally "not found"): 404. */
public class EndpointNotFoundException extends RuntimeException {

    public EndpointNotFoundException(UUID id) {
        super("no endpoint " + id);
    }
}
