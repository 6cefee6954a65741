package io.uplink.console.webhooks;

import java.io.Serializable;

/**
 * An endpoint's new signing secret, shown once on the page after it was made: the API never returns it again.
 *
 * @param previousValidUntil when the secret it replaces stops signing; null for a new endpoint
 */
public record IssuedSecret(String endpointUrl, String secret, String previousValidUntil) implements Serializable {
}
