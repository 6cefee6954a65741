package io.uplink.callback.fanout;

/**
 * How many deliveries a new message has made lately: the fan-out's guess of how many deliveries the next batch
 * makes, so that it can reserve room to lease them all before the statement matches their endpoints. The last
 * batch that stored a message sets it; never less than one per event.
 */
final class DeliveriesPerEvent {

    private volatile double lately = 1;

    /** The deliveries {@code events} new events are expected to make, at least one each. */
    int expectedFor(int events) {
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(events * Math.max(1, lately)));
    }

    /** A stored batch: {@code messages} new messages made {@code deliveries} deliveries. */
    void observe(int messages, int deliveries) {
        if (messages > 0) {
            lately = (double) deliveries / messages;
        }
    }
}
