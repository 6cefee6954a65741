package io.uplink.gateway.ratelimit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.gateway.identity.Caller;
import io.uplink.gateway.tenant.TenantSettings;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.RedisEndpoint;
import io.uplink.testsupport.UplinkInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Two gateway instances' limiters on one real Redis: reserved tokens must never let a tenant past its shared limit. */
@UplinkInfrastructure(Infra.REDIS)
class ReservedTokensAcrossInstancesTest {

    private static final RateLimitProperties PROPERTIES = new RateLimitProperties(50, 100, Duration.ofSeconds(10),
            Duration.ofSeconds(2), Duration.ofMillis(100), 100);

    private LettuceConnectionFactory connections;
    private TenantRateLimiter gatewayA;
    private TenantRateLimiter gatewayB;

    @BeforeEach
    void twoInstances(RedisEndpoint redis) {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()));
        connections.afterPropertiesSet();
        connections.start();
        ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(connections);
        gatewayA = new TenantRateLimiter(template, PROPERTIES, new SimpleMeterRegistry());
        gatewayB = new TenantRateLimiter(template, PROPERTIES, new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        connections.destroy();
    }

    private static Caller tenant(double requestsPerSecond, long burst) {
        var settings = new TenantSettings(new TenantSettings.RateLimit(requestsPerSecond, burst), List.of());
        return new Caller("tenant-" + UUID.randomUUID(), "key-1", List.of(IdentityAssertion.ROLE_TENANT), settings);
    }

    @Test
    void instancesReservingTokensTogetherAdmitNoMoreThanTheSharedBucketHolds() {
        Caller caller = tenant(100, 100);
        assertThat(gatewayA.reservationSize(new Limit(100, 100))).isEqualTo(10);
        long started = System.nanoTime();
        int allowed = 0;
        int throttled = 0;
        for (int i = 0; i < 400; i++) {
            Decision decision = (i % 2 == 0 ? gatewayA : gatewayB).take(caller).block(Duration.ofSeconds(10));
            if (decision.allowed()) {
                allowed++;
            } else {
                throttled++;
            }
        }
        long refilled = (long) Math.ceil((System.nanoTime() - started) / 1e9 * 100);
        // every admitted request spent a token of the shared bucket: its burst plus what refilled, never more
        assertThat((long) allowed).isLessThanOrEqualTo(100 + refilled);
        // tokens lapse unused only at a window's end, at most one reservation per instance
        assertThat((long) allowed).isGreaterThanOrEqualTo(Math.min(400, 100 - 2 * 10));
        assertThat(throttled).isEqualTo(400 - allowed);
    }

    @Test
    void tokensLeftUnusedAtTheEndOfAWindowGoBackSoATenantBelowItsRateKeepsItsBurst() throws InterruptedException {
        // rate 100/s, burst 100: each instance reserves 10 tokens per 100 ms window and uses about 2.5; had the rest
        // lapsed for good, 2 s at half the rate would have spent ~170 tokens/s and left the bucket about empty
        Caller caller = tenant(100, 100);
        for (int i = 0; i < 100; i++) {
            assertThat((i % 2 == 0 ? gatewayA : gatewayB).take(caller).block(Duration.ofSeconds(10)).allowed())
                    .as("request %d at 50 requests/s of a 100/s limit", i).isTrue();
            Thread.sleep(20);
        }
        int burst = 0;
        while (burst < 60 && (burst % 2 == 0 ? gatewayA : gatewayB).take(caller).block(Duration.ofSeconds(10)).allowed()) {
            burst++;
        }
        // the bucket lacks only what the two instances hold (≤ 10 each) and the half-rate use it refilled already
        assertThat(burst).as("requests of a burst right after 2 s at half the rate").isEqualTo(60);
    }

    @Test
    void aSlowTenantReservesTokenByTokenAndAFastOneAtMostMaxReservation() {
        assertThat(gatewayA.reservationSize(new Limit(0.2, 5))).isEqualTo(1);
        assertThat(gatewayA.reservationSize(new Limit(50, 100))).isEqualTo(5);
        assertThat(gatewayA.reservationSize(new Limit(1_000_000, 1_000_000))).isEqualTo(100);
        assertThat(gatewayA.reservationSize(new Limit(1_000_000, 3))).isEqualTo(3);
    }

    @Test
    void tokensOneInstanceReservedAreNotHandedOutByTheOther() {
        // burst 10, rate 100/s: A's first reservation (100/s × 100 ms = 10 tokens) empties the shared bucket
        Caller caller = tenant(100, 10);
        long started = System.nanoTime();
        assertThat(gatewayA.take(caller).block(Duration.ofSeconds(10)).allowed()).isTrue();
        int allowedByB = 0;
        while (allowedByB < 100 && gatewayB.take(caller).block(Duration.ofSeconds(10)).allowed()) {
            allowedByB++;
        }
        long refilled = (long) Math.ceil((System.nanoTime() - started) / 1e9 * 100);
        // A reserved all 10 tokens and used one; B gets only what refilled, never A's 9 unused ones on top
        assertThat((long) allowedByB).isLessThanOrEqualTo(refilled);
    }
}
