package io.uplink.servlet.trace;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link RecordTracing} over the service's tracer; a service that consumes or stores trace context imports it. */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    @Bean
    RecordTracing recordTracing(Tracer tracer, Propagator propagator) {
        return new RecordTracing(tracer, propagator);
    }
}
