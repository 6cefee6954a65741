package io.uplink.metadata.sweep;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shape every sweeper of this service has (quarantine, scan, retention, replication): a sweep claims at most a
 * set number of rows ({@code FOR UPDATE SKIP LOCKED}, so instances share the work) and settles them in one
 * transaction; each scheduled run sweeps again while sweeps come back full (a backlog), and a failure waits for the
 * next run.
 */
public abstract class BacklogSweeper {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final int rowsPerSweep;

    protected BacklogSweeper(int rowsPerSweep) {
        this.rowsPerSweep = rowsPerSweep;
    }

    /** @return how many claimed rows the sweep settled */
    public abstract int sweep();

    /** Sweeps until a sweep settles less than a full set; a failure is logged and left to the next run. */
    protected final void drain() {
        try {
            while (sweep() == rowsPerSweep) {
                // a backlog: keep going while sweeps get a full set done
            }
        } catch (RuntimeException e) {
            log.warn("{} failed, retrying in the next run: {}", getClass().getSimpleName(), e.toString());
        }
    }

    protected final int rowsPerSweep() {
        return rowsPerSweep;
    }
}
