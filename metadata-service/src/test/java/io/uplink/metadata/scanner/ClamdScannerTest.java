package io.uplink.metadata.scanner;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clamd client against a real TCP server speaking clamd's INSTREAM protocol. */
class ClamdScannerTest {

    /** Shared by the JUnit tests and the jqwik property (two engines, no common after-all): closed with the JVM. */
    private static final FakeClamd CLAMD = FakeClamd.start(64 * 1024);

    @Test
    void cleanBytesAreCleanAndReachClamdWhole() throws Exception {
        byte[] content = "just a text file\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

        assertThat(scanner(4096).scan(new ByteArrayInputStream(content))).isEqualTo(new ScanVerdict.Clean());
        assertThat(CLAMD.streams()).last().isEqualTo(content);
    }

    @Test
    void theEicarTestFileIsInfectedAndNamed() throws Exception {
        byte[] content = ("prefix " + FakeClamd.EICAR + " suffix").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(scanner(16).scan(new ByteArrayInputStream(content)))
                .isEqualTo(new ScanVerdict.Infected("Eicar-Test-Signature"));
    }

    @Test
    void aStreamPastClamdsLimitIsTooLargeForIt() throws Exception {
        byte[] content = new byte[64 * 1024 + 1];

        assertThat(scanner(8192).scan(new ByteArrayInputStream(content))).isEqualTo(new ScanVerdict.TooLarge());
    }

    @Test
    void aClamdThatHangsUpGivesNoVerdict() {
        CLAMD.hangUp(true);
        try {
            assertThatThrownBy(() -> scanner(8192).scan(new ByteArrayInputStream(new byte[10])))
                    .isInstanceOf(ScannerUnavailableException.class);
            assertThat(scanner(8192).answers()).isFalse();
        } finally {
            CLAMD.hangUp(false);
        }
    }

    @Test
    void nobodyListeningGivesNoVerdictAndNoPong() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ClamdScanner nobody = new ClamdScanner(properties(closedPort, 8192));

        assertThatThrownBy(() -> nobody.scan(new ByteArrayInputStream(new byte[10])))
                .isInstanceOf(ScannerUnavailableException.class)
                .hasMessageContaining("clamd 127.0.0.1:" + closedPort);
        assertThat(nobody.answers()).isFalse();
        assertThat(scanner(8192).answers()).isTrue();
    }

    /** Whatever the bytes and the chunk size, clamd receives exactly the object's bytes. */
    @Property(tries = 60)
    void chunkingNeverChangesTheBytes(@ForAll @Size(max = 20_000) List<Byte> bytes,
                                      @ForAll @IntRange(min = 1, max = 9000) int chunkSize) throws Exception {
        byte[] content = new byte[bytes.size()];
        for (int i = 0; i < content.length; i++) {
            content[i] = bytes.get(i);
        }

        assertThat(scanner(chunkSize).scan(new ByteArrayInputStream(content))).isEqualTo(new ScanVerdict.Clean());
        assertThat(CLAMD.streams()).last().isEqualTo(content);
    }

    private static ClamdScanner scanner(int chunkSize) {
        return new ClamdScanner(properties(CLAMD.port(), chunkSize));
    }

    private static ClamdProperties properties(int port, int chunkSize) {
        return new ClamdProperties("127.0.0.1", port, DataSize.ofMegabytes(100), DataSize.ofBytes(chunkSize),
                Duration.ofSeconds(5));
    }
}
