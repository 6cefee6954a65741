package io.uplink.metadata.storageevent;

import io.uplink.metadata.ingest.RejectedEventException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sequencer is normalised exactly as its definition says: ASCII hex digits only, leading zeros dropped (one digit
 * kept), upper case, left-padded with zeros to {@link Sequencers#WIDTH}; anything else, or more significant digits than that, is
 * rejected.
 */
class SequencersProperties {

    @Property(tries = 2_000)
    void normalisesExactlyAsDefined(@ForAll("sequencerLike") String sequencer) {
        String expected = definition(sequencer);
        if (expected == null) {
            assertThatThrownBy(() -> Sequencers.normalise(sequencer)).isInstanceOf(RejectedEventException.class);
        } else {
            assertThat(Sequencers.normalise(sequencer)).isEqualTo(expected);
        }
    }

    @Property(tries = 500)
    void normalisedSequencersCompareAsTheirNumbers(@ForAll("hex") String a, @ForAll("hex") String b) {
        BigInteger x = new BigInteger(a, 16);
        BigInteger y = new BigInteger(b, 16);

        assertThat(Integer.signum(Sequencers.normalise(a).compareTo(Sequencers.normalise(b))))
                .isEqualTo(x.compareTo(y));
    }

    /** The definition, written the slow and obvious way. */
    private static String definition(String sequencer) {
        if (sequencer == null || sequencer.isBlank() || !sequencer.matches("[0-9A-Fa-f]+")) {
            return null;
        }
        String digits = sequencer.replaceFirst("^0+(?=.)", "").toUpperCase(Locale.ROOT);
        return digits.length() > Sequencers.WIDTH ? null : "0".repeat(Sequencers.WIDTH - digits.length()) + digits;
    }

    @Provide
    Arbitrary<String> sequencerLike() {
        return Arbitraries.oneOf(
                hex(),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF0000g -\u0660\uff10").ofMinLength(0).ofMaxLength(40),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(8));
    }

    @Provide
    Arbitrary<String> hex() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(1).ofMaxLength(32);
    }
}
