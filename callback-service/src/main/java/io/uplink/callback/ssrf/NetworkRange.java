package io.uplink.callback.ssrf;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block, {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is its own /32 or /128. */
public record NetworkRange(byte[] network, int prefixLength) {

    public static NetworkRange parse(String cidr) {
        String trimmed = cidr.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!isLiteral(address)) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + cidr);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + cidr, e);
        }
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + cidr);
        }
        return new NetworkRange(bytes, prefix);
    }

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

    /** Only literals: a host name here would make the JDK resolve it, which is exactly what must not happen. */
    static boolean isLiteral(String address) {
        return !address.isEmpty() && (address.indexOf(':') >= 0 || address.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
    }
}
