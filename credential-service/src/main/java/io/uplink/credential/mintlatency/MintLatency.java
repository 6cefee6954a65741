package io.uplink.credential.mintlatency;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.concurrent.TimeUnit;

/**
 * Times the handlers marked {@link MintsCredentials}, from the handler's call to the response, as
 * {@code uplink.credential.mint.duration} by operation and outcome (a histogram; recorded inside the request's span,
 * so its exemplars name the trace).
 */
class MintLatency implements HandlerInterceptor {

    private static final String STARTED = MintLatency.class.getName() + ".started";

    /** A timed request's operation and when its handler was called. */
    private record Started(String operation, long nanos) {
    }

    private final MeterRegistry registry;

    MintLatency(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String operation = operation(handler);
        if (operation != null) {
            request.setAttribute(STARTED, new Started(operation, System.nanoTime()));
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        if (!(request.getAttribute(STARTED) instanceof Started started)) {
            return;
        }
        // an error dispatch of the same request (to /error) must not time it again
        request.removeAttribute(STARTED);
        Timer.builder("uplink.credential.mint.duration")
                .description("time to answer a request for a signed upload or download credential")
                .tag("operation", started.operation())
                .tag("outcome", outcome(failure != null ? 500 : response.getStatus()))
                .publishPercentileHistogram()
                .register(registry)
                .record(System.nanoTime() - started.nanos(), TimeUnit.NANOSECONDS);
    }

    private static String operation(Object handler) {
        if (handler instanceof HandlerMethod method) {
            MintsCredentials mints = method.getMethodAnnotation(MintsCredentials.class);
            return mints == null ? null : mints.value();
        }
        return null;
    }

    private static String outcome(int status) {
        return status < 400 ? "success" : status < 500 ? "client-error" : "server-error";
    }
}
