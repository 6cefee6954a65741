package io.uplink.contracts;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;

/** An instant reads exactly as {@link Instant#parse} reads it, or fails where it fails. */
public class UtcInstantsProperties {

    @Property(tries = 2_000)
    void readsEveryPlainUtcTimeAsInstantParseDoes(@ForAll("instants") Instant instant,
                                                  @ForAll @IntRange(min = -1, max = 9) int fractionDigits) {
        String text = plain(instant, fractionDigits);

        assertThat(UtcInstants.plainOrNull(text)).as("read without the fallback: " + text)
                .isEqualTo(Instant.parse(text));
        assertThat(UtcInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }

    @Property(tries = 5_000)
    void readsOrFailsAsInstantParseDoesWhateverTheCharacters(@ForAll("mangled") String text) {
        assertThat(outcome(text, UtcInstants::parse)).as(text).isEqualTo(outcome(text, Instant::parse));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return anyInstant();
    }

    /** Any instant of years 0000–9999, to the nanosecond. */
    public static Arbitrary<Instant> anyInstant() {
        return Arbitraries.longs().between(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
                .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
                        .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    }

    /** A plain time with one to three characters replaced by date-time-like ones, or cut short. */
    @Provide
    Arbitrary<String> mangled() {
        Arbitrary<String> plain = Combinators.combine(instants(), Arbitraries.integers().between(-1, 9))
                .as(UtcInstantsProperties::plain);
        Arbitrary<Character> chars = Arbitraries.of('0', '1', '2', '3', '5', '6', '9', '-', ':', '.', 'T', 't', 'Z',
                'z', '+', ' ', 'x');
        return Arbitraries.oneOf(
                Combinators.combine(plain, Arbitraries.integers().between(0, 29).list().ofMinSize(1).ofMaxSize(3),
                        chars.list().ofSize(3)).as((text, positions, replacements) -> {
                            StringBuilder mangled = new StringBuilder(text);
                            for (int i = 0; i < positions.size(); i++) {
                                mangled.setCharAt(positions.get(i) % mangled.length(), replacements.get(i));
                            }
                            return mangled.toString();
                        }),
                Combinators.combine(plain, Arbitraries.integers().between(0, 30))
                        .as((text, length) -> text.substring(0, Math.min(length, text.length()))),
                Arbitraries.of("2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                        "2026-12-31T23:59:60Z", "2026-12-31T24:00:00Z", "2026-12-31T23:59:59.Z",
                        "2026-12-31T23:59:59.1234567890Z", "+2026-12-31T23:59:59Z", "2026-12-31t23:59:59z",
                        "2026-12-31T23:59:59+00:00", "0000-00-00T00:00:00Z"));
    }

    /** {@code fractionDigits} -1: no fraction at all; 0: the shortest {@link Instant#toString} would write. */
    private static String plain(Instant instant, int fractionDigits) {
        String text = instant.toString();
        String seconds = text.substring(0, 19);
        String fraction = String.format("%09d", instant.getNano());
        return switch (fractionDigits) {
            case -1 -> seconds + "Z";
            case 0 -> text;
            default -> seconds + "." + fraction.substring(0, fractionDigits) + "Z";
        };
    }

    private static Object outcome(String text, java.util.function.Function<String, Instant> parse) {
        try {
            return parse.apply(text);
        } catch (DateTimeParseException e) {
            return DateTimeParseException.class;
        }
    }
}
