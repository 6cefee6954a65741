package io.uplink.metadata.scanner;

import java.io.InputStream;

/**
 * The hook that holds uploads of tenants with {@code scanUploads} as {@code pending} until it answers. The contract:
 * <ul>
 *   <li>{@link #scan} reads the object's bytes from {@code content} (at most {@link #maxBytes()}; larger objects are
 *   never handed over) and answers {@link ScanVerdict.Clean} or {@link ScanVerdict.Infected} naming what it found.
 *   A clean file becomes {@code active} and is announced as {@code file.created}; an infected one becomes
 *   {@code rejected}, is announced as {@code file.rejected} and its object is quarantined.</li>
 *   <li>An object it will never take (its own size limit) is {@link ScanVerdict.TooLarge}: the file is treated as
 *   larger than {@link #maxBytes()} ({@code uplink.metadata.scanner.oversized}).</li>
 *   <li>When it cannot give a verdict now (scanner down, timeout), it throws
 *   {@link ScannerUnavailableException}: the file stays {@code pending} and is scanned again after a backoff; it never
 *   guesses.</li>
 *   <li>It is called from one sweeper thread at a time per instance, outside any request, and may take as long as
 *   reading the object takes; it must be safe to call again for the same bytes.</li>
 * </ul>
 */
public interface FileScanner {

    ScanVerdict scan(InputStream content) throws ScannerUnavailableException;

    /** The largest object this scanner accepts. */
    long maxBytes();

    /** What the scanner is, for logs and the recorded result (e.g. {@code clamd 127.0.0.1:3310}). */
    String name();

    /** Whether the scanner answers right now (health). */
    boolean answers();
}
