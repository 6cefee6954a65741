package io.uplink.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/** How to reach a running PostgreSQL. */
public record PostgresEndpoint(String host, int port, String database, String username, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * Points a Spring test context's data source here, e.g. at a Postgres of the test's own that it may stop
     * without taking the shared one down for every other test class.
     */
    public void registerAsDataSource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::jdbcUrl);
        registry.add("spring.datasource.username", this::username);
        registry.add("spring.datasource.password", this::password);
    }
}
