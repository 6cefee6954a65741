package io.uplink.acceptance;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prints the reliability ledgers (if scenarios ran) and stops the suite when the test run ends, while the JVM is still
 * whole. Left to a shutdown hook, the services' graceful
 * stop races the embedded Kafka's own hook (which deletes its log directories), hangs, and Surefire kills the fork.
 */
public final class StopSuiteAfterTests implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Ledger.printAllIfAny(System.out);
        RunningSuite.stopIfStarted();
    }
}
