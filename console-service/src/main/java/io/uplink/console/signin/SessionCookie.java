package io.uplink.console.signin;

/** The console's session cookie: its own name, so it never collides with a tenant application on the same host. */
final class SessionCookie {

    static final String NAME = "UPLINK_CONSOLE";

    private SessionCookie() {
    }
}
