package io.uplink.callback.log;

import java.util.UUID;

/** No such message for the caller's tenant: 404. */
public class MessageNotFoundException extends RuntimeException {

    public MessageNotFoundException(UUID id) {
        super("no message " + id);
    }
}
