package io.uplink.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Map;
import java.util.function.Supplier;

/** Starts the servers named by {@link UplinkInfrastructure} and resolves their endpoints as test parameters. */
public final class InfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    private static final Map<Class<?>, Supplier<Object>> ENDPOINTS = Map.of(
            PostgresEndpoint.class, SharedInfrastructure::postgres,
            KafkaEndpoint.class, SharedInfrastructure::kafka,
            S3Endpoint.class, SharedInfrastructure::s3,
            RedisEndpoint.class, SharedInfrastructure::redis);

    @Override
    public void beforeAll(ExtensionContext context) {
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), UplinkInfrastructure.class)
                .ifPresent(annotation -> {
                    for (Infra infra : annotation.value()) {
                        SharedInfrastructure.start(infra);
                    }
                });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ENDPOINTS.containsKey(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ENDPOINTS.get(parameterContext.getParameter().getType()).get();
    }
}
