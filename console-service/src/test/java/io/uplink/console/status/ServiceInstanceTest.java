package io.uplink.console.status;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceInstanceTest {

    @Test
    void readsNamesAndBaseUrlsInOrder() {
        List<ServiceInstance> instances = ServiceInstance.parseAll(List.of(
                "metadata=http://127.0.0.1:8083", " credential-1 = http://127.0.0.1:8081/ ", "", "gateway=https://gw.example.com:9090"));

        assertThat(instances).containsExactly(
                new ServiceInstance("metadata", URI.create("http://127.0.0.1:8083")),
                new ServiceInstance("credential-1", URI.create("http://127.0.0.1:8081")),
                new ServiceInstance("gateway", URI.create("https://gw.example.com:9090")));
        assertThat(instances.get(1).healthUrl()).isEqualTo(URI.create("http://127.0.0.1:8081/actuator/health"));
    }

    @Test
    void aBaseUrlMayHaveAPath() {
        assertThat(ServiceInstance.parse("metadata=http://metadata:8083/management").healthUrl())
                .isEqualTo(URI.create("http://metadata:8083/management/actuator/health"));
    }

    @Test
    void refusesAnEntryWithoutNameOrHttpUrl() {
        for (String entry : List.of("http://127.0.0.1:8083", "=http://127.0.0.1:8083", "metadata=", "metadata=127.0.0.1:8083",
                "metadata=ftp://127.0.0.1", "metadata=http://", "metadata=http://bad host")) {
            assertThatThrownBy(() -> ServiceInstance.parse(entry)).as(entry)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name=http://host:port");
        }
    }

    @Test
    void refusesTheSameNameTwice() {
        assertThatThrownBy(() -> ServiceInstance.parseAll(List.of("a=http://h:1", "a=http://h:2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' twice");
    }

    @Test
    void noEntriesNoInstances() {
        assertThat(ServiceInstance.parseAll(List.of())).isEmpty();
    }
}
