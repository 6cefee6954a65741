package io.uplink.testsupport.spring;

import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Hands the shared servers' connection settings to every Spring test context of a class marked {@link UplinkInfrastructure}. */
public final class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .get(UplinkInfrastructure.class)
                .synthesize(org.springframework.core.annotation.MergedAnnotation::isPresent)
                .map(annotation -> {
                    Set<Infra> wanted = EnumSet.noneOf(Infra.class);
                    wanted.addAll(List.of(annotation.value()));
                    return (ContextCustomizer) new InfrastructureContextCustomizer(wanted);
                })
                .orElse(null);
    }
}
