package io.uplink.callback.ssrf;

import io.uplink.service.net.AddressRange;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides where webhooks may go. Checked when an endpoint is registered (the URL and every address its host
 * resolves to) and again by the delivery client on the address it actually connects to, so a DNS record that
 * changes after registration (rebinding) cannot steer a delivery inside the network.
 */
public class TargetPolicy {

    public static final int MAX_URL_LENGTH = 2048;

    private final boolean allowHttp;
    private final List<AddressRange> allowedNetworks;
    private final HostResolver resolver;

    public TargetPolicy(EndpointTargetProperties properties, HostResolver resolver) {
        this.allowHttp = properties.allowHttp();
        this.allowedNetworks = properties.allowedNetworks().stream()
                .filter(network -> !network.isBlank()).map(AddressRange::parse).toList();
        this.resolver = resolver;
    }

    /** @throws ForbiddenTargetException saying why, fit to show the tenant */
    public URI checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new ForbiddenTargetException("url is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new ForbiddenTargetException("url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ForbiddenTargetException("url is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new ForbiddenTargetException(allowHttp ? "url must be http or https" : "url must be https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ForbiddenTargetException("url must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw new ForbiddenTargetException("url must not have a fragment");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new ForbiddenTargetException("url must name a host");
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (isIpv4MappedLiteral(bareHost)) {
            throw new ForbiddenTargetException("url host is an IPv4-mapped IPv6 address");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bareHost);
        } catch (UnknownHostException e) {
            throw new ForbiddenTargetException("url host " + bareHost + " does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new ForbiddenTargetException("url host " + bareHost + " does not resolve");
        }
        for (InetAddress address : addresses) {
            refusal(address).ifPresent(reason -> {
                throw new ForbiddenTargetException(
                        "url host " + bareHost + " resolves to a non-public address (" + reason + ")");
            });
        }
        return uri;
    }

    // the JDK turns any spelling of ::ffff:a.b.c.d into an Inet4Address, which tells us what the literal was
    private static boolean isIpv4MappedLiteral(String host) {
        if (host.indexOf(':') < 0) {
            return false;
        }
        try {
            return InetAddress.getByName(host) instanceof java.net.Inet4Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** @return why a connection to this address is refused, or empty when it may proceed */
    public Optional<String> refusal(InetAddress address) {
        for (AddressRange allowed : allowedNetworks) {
            if (allowed.contains(address)) {
                return Optional.empty();
            }
        }
        return ForbiddenAddresses.reason(address);
    }
}
