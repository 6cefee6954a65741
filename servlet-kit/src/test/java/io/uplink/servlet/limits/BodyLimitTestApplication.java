package io.uplink.servlet.limits;

import io.uplink.servlet.problem.ApiProblemHandler;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/** A service in miniature that reads JSON bodies, with the kit's body limit and problem handler base. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({RequestBodyLimitConfiguration.class, BodyLimitTestApplication.Endpoints.class, BodyLimitTestApplication.Problems.class})
class BodyLimitTestApplication {

    @RestController
    static class Endpoints {

        @PostMapping("/api/notes")
        Map<String, Object> note(@RequestBody Map<String, Object> note) {
            return Map.of("length", String.valueOf(note.get("text")).length());
        }
    }

    @RestControllerAdvice
    static class Problems extends ApiProblemHandler {
        Problems() {
            super("the database is unavailable");
        }
    }
}
