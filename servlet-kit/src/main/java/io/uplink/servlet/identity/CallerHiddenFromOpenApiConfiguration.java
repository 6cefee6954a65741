package io.uplink.servlet.identity;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Configuration;

/** A {@link Caller} parameter comes from the gateway's assertion, not from the client: no query parameter in the docs. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(SpringDocUtils.class)
class CallerHiddenFromOpenApiConfiguration {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }
}
