package io.uplink.service.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address or CIDR range: {@code 10.0.0.0/8}, {@code fd00::/8}, or a bare address as its own /32 or /128.
 * Only IP literals are accepted, never host names: the JDK would resolve a name, and a DNS lookup is exactly what
 * must not happen, neither for what a client sent (the gateway's X-Forwarded-For) nor in the callback's SSRF rules.
 */
public record AddressRange(byte[] network, int prefixLength) {

    /** 0 to 255, without leading zeros (which some parsers read as octal). */
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    /** Starts like an IPv6 literal and holds a colon: the JDK then parses it or refuses it, and never resolves it. */
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    public AddressRange {
        network = network.clone();
    }

    /** @throws IllegalArgumentException when the text is not an IP literal with an optional prefix length */
    public static AddressRange parse(String range) {
        String[] parts = range.trim().split("/", 2);
        InetAddress address = literal(parts[0]).orElseThrow(
                () -> new IllegalArgumentException("not an IP address or CIDR range: " + range));
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : bits;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + range, e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of range: " + range);
        }
        return new AddressRange(address.getAddress(), prefix);
    }

    /**
     * The address an IP literal names (four dotted decimals, or IPv6, bracketed or not); empty for anything else,
     * host names included, without looking anything up.
     */
    public static Optional<InetAddress> literal(String text) {
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        try {
            if (IPV4.matcher(candidate).matches()) {
                // from its four bytes: the JDK would resolve a dotted form it does not read as an address
                String[] octets = candidate.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(octets[i]);
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            return IPV6.matcher(candidate).matches() ? Optional.of(InetAddress.getByName(candidate)) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether the address lies in the range; an IPv4 address is never in an IPv6 range, nor the other way round. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    // a record compares arrays by identity; two ranges are equal when they name the same network
    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && prefixLength == range.prefixLength
                && Arrays.equals(network, range.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
