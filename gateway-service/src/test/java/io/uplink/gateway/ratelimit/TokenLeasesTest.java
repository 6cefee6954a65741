package io.uplink.gateway.ratelimit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class TokenLeasesTest {

    @Test
    void lapsedTokensGoBackOnceEvenWhenALateRequestSubscribesToTheFinishedReservationAgain() {
        TokenLeases.Lease lease = new TokenLeases().of("tenant-a");
        long tinyWindow = 1;
        lease.refill(returned -> Mono.just(new RedisTokenBuckets.Reservation(5, 0, 0)), tinyWindow)
                .block(Duration.ofSeconds(1));
        assertThat(lease.take(System.nanoTime() + 1_000)).as("the 5 tokens lapsed at once").isNull();

        List<Long> givenBack = new CopyOnWriteArrayList<>();
        Mono<Void> reservation = lease.refill(returned -> {
            givenBack.add(returned);
            return Mono.just(new RedisTokenBuckets.Reservation(1, 0, 0));
        }, tinyWindow);
        reservation.block(Duration.ofSeconds(1));
        // a request that picked up the same reservation just before it was cleared subscribes after it finished:
        // the cache (kept for no time) asks Redis again, and must not hand back the same lapsed tokens twice
        reservation.block(Duration.ofSeconds(1));

        assertThat(givenBack).containsExactly(5L, 0L);
    }
}
