package io.uplink.callback.endpoint;

/** The tenant already has as many endpoints as {@link EndpointLimitProperties#maxPerTenant()} allows: 409. */
public class EndpointLimitExceededException extends RuntimeException {

    private final int limit;

    public EndpointLimitExceededException(int limit) {
        super("a tenant may have at most " + limit + " webhook endpoints (" + EndpointLimitProperties.MAX_PER_TENANT
                + "); delete one before creating another");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
