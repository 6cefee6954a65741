package io.uplink.callback.delivery;

import java.time.Instant;

/** Where a delivery stands after an attempt: done, due again, or failed for good. */
sealed interface Outcome {

    Outcome DELIVERED = new Delivered();
    Outcome GIVEN_UP = new GivenUp();

    /** The delivery's status column. */
    String status();

    /** When the next attempt is due; null when the delivery is finished. */
    Instant nextAttemptAt();

    /** The endpoint answered 2xx. */
    record Delivered() implements Outcome {

        @Override
        public String status() {
            return "succeeded";
        }

        @Override
        public Instant nextAttemptAt() {
            return null;
        }
    }

    /** Failed, tried again {@code at}. */
    record RetryAt(Instant at) implements Outcome {

        @Override
        public String status() {
            return "pending";
        }

        @Override
        public Instant nextAttemptAt() {
            return at;
        }
    }

    /** Failed for good: the retry schedule is used up, or the endpoint answered 410 Gone. */
    record GivenUp() implements Outcome {

        @Override
        public String status() {
            return "failed";
        }

        @Override
        public Instant nextAttemptAt() {
            return null;
        }
    }
}
