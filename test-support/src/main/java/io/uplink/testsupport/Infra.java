package io.uplink.testsupport;

/** The real servers a test can ask for. */
public enum Infra {
    POSTGRES, KAFKA, S3, REDIS
}
