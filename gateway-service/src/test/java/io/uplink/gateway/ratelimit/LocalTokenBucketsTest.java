package io.uplink.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LocalTokenBuckets buckets = new LocalTokenBuckets(now::get);
    private final Limit twoPerSecondBurstThree = new Limit(2, 3);

    @Test
    void grantsTheBurstThenRefusesWithTheTimeUntilTheNextToken() {
        for (int i = 2; i >= 0; i--) {
            Decision decision = buckets.take("t1", twoPerSecondBurstThree);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(i);
        }
        Decision refused = buckets.take("t1", twoPerSecondBurstThree);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterMillis()).isEqualTo(500);
    }

    @Test
    void refillsAtTheConfiguredRateButNeverBeyondTheBurst() {
        for (int i = 0; i < 3; i++) {
            buckets.take("t1", twoPerSecondBurstThree);
        }
        now.addAndGet(500_000_000L);
        assertThat(buckets.take("t1", twoPerSecondBurstThree).allowed()).isTrue();
        assertThat(buckets.take("t1", twoPerSecondBurstThree).allowed()).isFalse();
        now.addAndGet(60_000_000_000L);
        assertThat(buckets.take("t1", twoPerSecondBurstThree).remaining()).isEqualTo(2);
    }

    @Test
    void oneAccountsExhaustionLeavesAnotherUntouched() {
        for (int i = 0; i < 10; i++) {
            buckets.take("greedy", twoPerSecondBurstThree);
        }
        assertThat(buckets.take("modest", twoPerSecondBurstThree).allowed()).isTrue();
    }
}
