package io.uplink.gateway.forwarding;

import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ForwardingConfiguration {

    @Bean
    static SingleCopyHeaderFilters singleCopyHeaderFilters() {
        return new SingleCopyHeaderFilters();
    }

    @Bean
    UpstreamHeadersFilter upstreamRequestHeaders(SingleCopyHeaderFilters replaced, ObjectProvider<Propagator> propagator) {
        return new UpstreamHeadersFilter(HttpHeadersFilter.Type.REQUEST, propagator.getIfAvailable(() -> Propagator.NOOP),
                replaced.dropForwarded(), replaced.dropXForwarded());
    }

    @Bean
    UpstreamHeadersFilter upstreamResponseHeaders() {
        return new UpstreamHeadersFilter(HttpHeadersFilter.Type.RESPONSE, Propagator.NOOP, false, false);
    }
}
