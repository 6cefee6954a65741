package io.uplink.acceptance;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Sends hostile cases through the gateway and counts what became of them, per class:
 * <ul>
 *   <li>refused: a 4xx that is a problem ({@code application/problem+json}), or one with no body at all from the
 *       HTTP layer before any route (a malformed request, a header too large), or a connection closed unanswered;</li>
 *   <li>defused: a 2xx in which the hostile part had no effect (see {@link HostileCase#gotThroughWhen});</li>
 *   <li>accepted: the hostile part got through — a finding;</li>
 *   <li>server errors: a 5xx — a finding too;</li>
 *   <li>unexplained refusals: any other answer (a 4xx body that is not a problem, a redirect) — a finding.</li>
 * </ul>
 * Requests answered 429 because the tenant's rate limit ran out are sent again after a pause: the limit says
 * nothing about the input.
 */
final class HostileTally {

    enum Outcome { REFUSED, DEFUSED, ACCEPTED, SERVER_ERROR, UNEXPLAINED }

    record Finding(HostileCase hostile, Outcome outcome, RawHttp.Reply reply) {

        @Override
        public String toString() {
            return "%s %s [%s] %s %s -> %d %s %s".formatted(outcome, hostile.kind().label(), hostile.description(),
                    hostile.method(), RawHttp.abbreviated(hostile.target()), reply.status(), reply.contentType(),
                    RawHttp.abbreviated(reply.body()));
        }
    }

    private static final int RATE_LIMIT_RETRIES = 20;

    private final RawHttp http;
    private final Map<HostileClass, Map<Outcome, Integer>> counts = new EnumMap<>(HostileClass.class);
    private final List<Finding> findings = new ArrayList<>();

    HostileTally(String gatewayUrl) {
        this.http = new RawHttp(gatewayUrl);
        for (HostileClass kind : HostileClass.values()) {
            Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, 0);
            }
            counts.put(kind, byOutcome);
        }
    }

    synchronized void tryAll(List<HostileCase> cases) {
        cases.forEach(this::tryOne);
    }

    synchronized Outcome tryOne(HostileCase hostile) {
        RawHttp.Reply reply = send(hostile);
        Outcome outcome = judge(hostile, reply);
        counts.get(hostile.kind()).merge(outcome, 1, Integer::sum);
        if (outcome != Outcome.REFUSED && outcome != Outcome.DEFUSED) {
            Finding finding = new Finding(hostile, outcome, reply);
            findings.add(finding);
            System.out.println("hostile | FINDING " + finding);
        }
        return outcome;
    }

    private RawHttp.Reply send(HostileCase hostile) {
        RawHttp.Reply reply = http.send(hostile.method(), hostile.target(), hostile.headers(), hostile.body());
        for (int retry = 0; reply.status() == 429 && reply.body().contains("rate") && retry < RATE_LIMIT_RETRIES; retry++) {
            pause();
            reply = http.send(hostile.method(), hostile.target(), hostile.headers(), hostile.body());
        }
        return reply;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Outcome judge(HostileCase hostile, RawHttp.Reply reply) {
        int status = reply.status();
        if (status >= 500) {
            return Outcome.SERVER_ERROR;
        }
        if (hostile.gotThrough().test(reply)) {
            return Outcome.ACCEPTED;
        }
        if (reply.isSuccess()) {
            return Outcome.DEFUSED;
        }
        if (status == 0 || (status >= 400 && (reply.isProblem() || reply.body().isBlank()))) {
            return Outcome.REFUSED;
        }
        return Outcome.UNEXPLAINED;
    }

    synchronized int tried() {
        return counts.values().stream().flatMap(byOutcome -> byOutcome.values().stream()).mapToInt(Integer::intValue).sum();
    }

    synchronized int tried(HostileClass kind) {
        return counts.get(kind).values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized int count(Outcome outcome) {
        return counts.values().stream().mapToInt(byOutcome -> byOutcome.get(outcome)).sum();
    }

    synchronized List<Finding> findings() {
        return List.copyOf(findings);
    }

    synchronized List<Finding> findings(HostileClass kind) {
        return findings.stream().filter(finding -> finding.hostile().kind() == kind).toList();
    }

    synchronized void print(PrintStream out) {
        out.println(tried() + " hostile inputs tried, " + count(Outcome.ACCEPTED) + " accepted");
        for (HostileClass kind : HostileClass.values()) {
            Map<Outcome, Integer> byOutcome = counts.get(kind);
            out.printf("  %-12s %5d tried: %d refused, %d defused (2xx, hostile part without effect), %d accepted,"
                            + " %d server errors, %d unexplained%n", kind.label(), tried(kind),
                    byOutcome.get(Outcome.REFUSED), byOutcome.get(Outcome.DEFUSED), byOutcome.get(Outcome.ACCEPTED),
                    byOutcome.get(Outcome.SERVER_ERROR), byOutcome.get(Outcome.UNEXPLAINED));
        }
        out.println("  server errors: " + count(Outcome.SERVER_ERROR) + ", unexplained answers: " + count(Outcome.UNEXPLAINED));
        findings.forEach(finding -> out.println("  " + finding));
    }
}
