package io.uplink.gateway.support;

/** One set of fake services for every test class that shares the standard gateway context. */
public final class SharedUpstreams {

    public static final EchoUpstream CREDENTIAL_A = EchoUpstream.start("credential-a");
    public static final EchoUpstream CREDENTIAL_B = EchoUpstream.start("credential-b");
    public static final EchoUpstream METADATA = EchoUpstream.start("metadata");
    public static final EchoUpstream CALLBACK = EchoUpstream.start("callback");
    public static final EchoUpstream CONSOLE = EchoUpstream.start("console");
    public static final EchoUpstream OIDC = EchoUpstream.start("oidc");
    public static final FakeKeyRegistry KEYS = new FakeKeyRegistry(METADATA);
    public static final TestIssuer ISSUER = new TestIssuer(OIDC);

    private SharedUpstreams() {
    }

    public static void reset() {
        for (EchoUpstream upstream : new EchoUpstream[] {CREDENTIAL_A, CREDENTIAL_B, METADATA, CALLBACK}) {
            upstream.delay(0);
            upstream.failWith(0);
        }
        KEYS.failLookupsWith(0);
        KEYS.delayLookups(0);
    }
}
