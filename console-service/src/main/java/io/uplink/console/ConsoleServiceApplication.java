package io.uplink.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web console: server-rendered pages for admins and tenants. It holds no data of its own; every page is a call
 * to the public API through the gateway with the signed-in user's credential, which stays in the server-side
 * session and never reaches the browser.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleServiceApplication.class, args);
    }
}
