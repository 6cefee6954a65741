package io.uplink.callback.delivery;

import io.uplink.callback.ssrf.HostResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS the test controls: a scripted name answers its first address on the first lookup and its second on every
 * later one (a rebinding attacker's record); IP literals answer themselves; any other name does not resolve, so a
 * test never asks a real DNS server.
 */
final class ScriptedDns implements HostResolver {

    private record Script(InetAddress first, InetAddress later, AtomicInteger lookups) {
    }

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();

    void rebind(String host, InetAddress first, InetAddress later) {
        scripts.put(host, new Script(first, later, new AtomicInteger()));
    }

    int lookups(String host) {
        Script script = scripts.get(host);
        return script == null ? 0 : script.lookups().get();
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        Script script = scripts.get(host);
        if (script != null) {
            return List.of(script.lookups().getAndIncrement() == 0 ? script.first() : script.later());
        }
        if (host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return List.of(InetAddress.getByName(host)); // a literal: parsed, never looked up
        }
        throw new UnknownHostException(host + " (not scripted in this test)");
    }
}
