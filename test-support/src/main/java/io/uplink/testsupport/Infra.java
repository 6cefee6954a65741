package io.uplink.testsupport;

/** The real servers a test can ask for. */
public enum Infra {
    POSTGRES, KAFKA, S3, REDIS,
    /**
     * A second S3-compatible store with keys of its own, configured as the storage target named
     * {@value SharedInfrastructure#SECOND_TARGET} (bucket {@value SharedInfrastructure#SECOND_BUCKET}).
     */
    SECOND_S3
}
