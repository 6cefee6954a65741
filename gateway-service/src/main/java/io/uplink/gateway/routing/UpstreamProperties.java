package io.uplink.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where the gateway sends traffic. Credential-, metadata- and callback-service each run as one or more instances
 * behind the gateway's load balancer: list every instance's base URL (comma-separated), or one URL when the platform
 * balances them itself (a Kubernetes Service).
 *
 * @param credentialInstances base URLs of every credential-service instance ({@code UPLINK_CREDENTIAL_INSTANCES})
 * @param metadataInstances base URLs of every metadata-service instance ({@code UPLINK_METADATA_URL})
 * @param callbackInstances base URLs of every callback-service instance ({@code UPLINK_CALLBACK_URL})
 * @param consoleUrl base URL of console-service ({@code UPLINK_CONSOLE_URL}), served at {@code /console}; none = no
 *                   console route. One address: its sessions live in its memory, so several instances need a
 *                   balancer with client affinity in front of them.
 * @param connectTimeout how long to wait for a TCP connection before trying another instance
 * @param credentialTimeout response timeout of the credential routes (minting must be quick)
 * @param metadataTimeout response timeout of the metadata routes
 * @param callbackTimeout response timeout of the webhook routes
 * @param lookupTimeout how long each try of the gateway's own calls to metadata-service (API key resolution, tenant
 *                      settings) may take; an unanswered try is repeated once on the next instance, then the request
 *                      is answered 503
 */
@ConfigurationProperties("uplink.gateway.upstreams")
public record UpstreamProperties(
        List<URI> credentialInstances,
        List<URI> metadataInstances,
        List<URI> callbackInstances,
        URI consoleUrl,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("5s") Duration credentialTimeout,
        @DefaultValue("10s") Duration metadataTimeout,
        @DefaultValue("10s") Duration callbackTimeout,
        @DefaultValue("2s") Duration lookupTimeout) {

    public UpstreamProperties {
        credentialInstances = credentialInstances == null ? List.of() : List.copyOf(credentialInstances);
        metadataInstances = metadataInstances == null ? List.of() : List.copyOf(metadataInstances);
        callbackInstances = callbackInstances == null ? List.of() : List.copyOf(callbackInstances);
        consoleUrl = consoleUrl == null || consoleUrl.toString().isBlank() ? null : consoleUrl;
    }

    /** How long a route to this upstream waits for the response. */
    public Duration timeoutOf(Upstream upstream) {
        return switch (upstream) {
            case CREDENTIAL -> credentialTimeout;
            case METADATA -> metadataTimeout;
            case CALLBACK -> callbackTimeout;
        };
    }

    public List<URI> instancesOf(Upstream upstream) {
        return switch (upstream) {
            case CREDENTIAL -> credentialInstances;
            case METADATA -> metadataInstances;
            case CALLBACK -> callbackInstances;
        };
    }
}
