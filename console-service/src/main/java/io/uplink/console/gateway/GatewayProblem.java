package io.uplink.console.gateway;

/**
 * The public API refused or failed a call: its status and the problem's detail, shown to the user as they are (they
 * are written for API clients, who are the console's users too).
 */
public class GatewayProblem extends RuntimeException {

    private final int status;
    private final String title;

    public GatewayProblem(int status, String title, String detail) {
        super(detail == null || detail.isBlank() ? title : detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
