package io.uplink.credential.policy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FilenameSanitizerTest {

    @Test
    void keepsOrdinaryNamesOfAnyScript() {
        assertThat(FilenameSanitizer.sanitize("Quarterly-report_v2.pdf")).isEqualTo("Quarterly-report_v2.pdf");
        assertThat(FilenameSanitizer.sanitize("годовой отчёт.pdf")).isEqualTo("годовой_отчёт.pdf");
        assertThat(FilenameSanitizer.sanitize("写真.jpg")).isEqualTo("写真.jpg");
    }

    @Test
    void normalisesDecomposedUnicodeToNfc() {
        assertThat(FilenameSanitizer.sanitize("cafe\u0301.txt")).isEqualTo("caf\u00e9.txt");
    }

    @Test
    void turnsPathsIntoOneHarmlessSegment() {
        assertThat(FilenameSanitizer.sanitize("../../etc/passwd")).isEqualTo("etc_passwd");
        assertThat(FilenameSanitizer.sanitize("/abs/path.txt")).isEqualTo("abs_path.txt");
        assertThat(FilenameSanitizer.sanitize("..\\..\\win.ini")).isEqualTo("win.ini");
        assertThat(FilenameSanitizer.sanitize(".hidden")).isEqualTo("hidden");
    }

    @Test
    void removesControlAndBidiCharacters() {
        assertThat(FilenameSanitizer.sanitize("evil\u202egnp.exe")).isEqualTo("evil_gnp.exe");
        assertThat(FilenameSanitizer.sanitize("a\u0000b\nc.txt")).isEqualTo("a_b_c.txt");
    }

    @Test
    void fallsBackWhenNothingUsableRemains() {
        assertThat(FilenameSanitizer.sanitize("...")).isEqualTo("file");
        assertThat(FilenameSanitizer.sanitize("")).isEqualTo("file");
        assertThat(FilenameSanitizer.sanitize(null)).isEqualTo("file");
    }

    @Test
    void capsLongNamesByBytesKeepingTheExtension() {
        String name = FilenameSanitizer.sanitize("ж".repeat(500) + ".jpeg");

        assertThat(name).endsWith(".jpeg");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FilenameSanitizer.MAX_BYTES);
    }
}
