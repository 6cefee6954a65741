package io.uplink.acceptance;

import java.util.function.Function;

/** Where a client's calls go: one gateway, or several behind a load balancer ({@link GatewayPool}). */
@FunctionalInterface
interface GatewayCalls {

    Gateway.Answer call(Function<Gateway, Gateway.Answer> request);

    static GatewayCalls only(Gateway gateway) {
        return request -> request.apply(gateway);
    }
}
