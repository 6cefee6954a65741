package io.uplink.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where the gateway sends traffic. Credential-service runs as several replicas behind the load balancer; the
 * metadata, callback and console services are single base URLs (their own scaling sits behind a platform VIP).
 *
 * @param credentialInstances base URLs of every credential-service replica ({@code UPLINK_CREDENTIAL_INSTANCES})
 * @param metadataUrl base URL of metadata-service ({@code UPLINK_METADATA_URL})
 * @param callbackUrl base URL of callback-service ({@code UPLINK_CALLBACK_URL})
 * @param consoleUrl base URL of console-service ({@code UPLINK_CONSOLE_URL}), served at {@code /console}; none = no
 *                   console route
 * @param connectTimeout how long to wait for a TCP connection before trying another instance
 * @param credentialTimeout response timeout of the credential routes (minting must be quick)
 * @param metadataTimeout response timeout of the metadata routes
 * @param callbackTimeout response timeout of the webhook routes
 * @param lookupTimeout how long the gateway's own calls to metadata-service (API key resolution, tenant settings)
 *                      may take before the request is answered 503
 */
@ConfigurationProperties("uplink.gateway.upstreams")
public record UpstreamProperties(
        List<URI> credentialInstances,
        URI metadataUrl,
        URI callbackUrl,
        URI consoleUrl,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("5s") Duration credentialTimeout,
        @DefaultValue("10s") Duration metadataTimeout,
        @DefaultValue("10s") Duration callbackTimeout,
        @DefaultValue("2s") Duration lookupTimeout) {

    public UpstreamProperties {
        credentialInstances = credentialInstances == null ? List.of() : List.copyOf(credentialInstances);
        consoleUrl = consoleUrl == null || consoleUrl.toString().isBlank() ? null : consoleUrl;
    }
}
