package io.uplink.servlet.shutdown;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service in miniature with the kit's shutdown drain. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ShutdownDrainConfiguration.class, DrainTestApplication.Endpoints.class})
class DrainTestApplication {

    @RestController
    static class Endpoints {

        @GetMapping("/api/ping")
        String ping() {
            return "pong";
        }
    }
}
