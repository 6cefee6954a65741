package io.uplink.gateway.forwarding;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Takes Spring Cloud Gateway's hop-by-hop, remove-forwarded and remove-x-forwarded header filters out of the
 * context; {@link UpstreamHeadersFilter} does their work. SCG registers them unconditionally (no property turns
 * them off) and each copies the whole header map on every request, twice for hop-by-hop (request and answer).
 * When trusted proxies are configured SCG registers its forwarded-header writers instead of the removers; those
 * stay, and the replacement then leaves forwarded headers to them.
 */
public final class SingleCopyHeaderFilters implements BeanDefinitionRegistryPostProcessor {

    static final String HOP_BY_HOP = "removeHopByHopHeadersFilter";
    static final String REMOVE_FORWARDED = "removeForwardedHeadersFilter";
    static final String REMOVE_X_FORWARDED = "removeXForwardedHeadersFilter";

    private boolean forwardedRemoverReplaced;
    private boolean xForwardedRemoverReplaced;

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(HOP_BY_HOP)) {
            registry.removeBeanDefinition(HOP_BY_HOP);
        }
        forwardedRemoverReplaced = registry.containsBeanDefinition(REMOVE_FORWARDED);
        if (forwardedRemoverReplaced) {
            registry.removeBeanDefinition(REMOVE_FORWARDED);
        }
        xForwardedRemoverReplaced = registry.containsBeanDefinition(REMOVE_X_FORWARDED);
        if (xForwardedRemoverReplaced) {
            registry.removeBeanDefinition(REMOVE_X_FORWARDED);
        }
    }

    boolean dropForwarded() {
        return forwardedRemoverReplaced;
    }

    boolean dropXForwarded() {
        return xForwardedRemoverReplaced;
    }
}
