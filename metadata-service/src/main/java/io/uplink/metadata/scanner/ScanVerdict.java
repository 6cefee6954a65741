package io.uplink.metadata.scanner;

/** A scanner's answer about one object's bytes. */
public sealed interface ScanVerdict {

    /** Nothing found. */
    record Clean() implements ScanVerdict {
    }

    /** @param signature what the scanner found, as it names it (clamd: {@code Eicar-Test-Signature}) */
    record Infected(String signature) implements ScanVerdict {
    }

    /** The scanner will not take this many bytes (clamd's {@code StreamMaxLength}): it can never give a verdict. */
    record TooLarge() implements ScanVerdict {
    }
}
