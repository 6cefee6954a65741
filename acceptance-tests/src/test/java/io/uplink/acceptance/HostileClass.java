package io.uplink.acceptance;

/** The families of hostile inputs the gateway is tried with, in the order the summary lists them. */
enum HostileClass {
    PATHS("paths"),
    HEADERS("headers"),
    SIZES("sizes"),
    PARTS("parts"),
    FILENAMES("filenames"),
    CROSS_TENANT("cross-tenant"),
    IDENTITY("identity"),
    GENERATED("generated");

    private final String label;

    HostileClass(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
