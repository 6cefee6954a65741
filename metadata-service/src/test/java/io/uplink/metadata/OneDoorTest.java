package io.uplink.metadata;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event goes through one door, and every change to a file through one package: the sources say so. (The
 * relay's deletes of relayed rows write no event.)
 */
class OneDoorTest {

    private static final Path SOURCES = Path.of("src/main/java/io/uplink/metadata");

    @Test
    void onlyTheOutboxInsertsIntoTheOutboxTable() throws IOException {
        assertThat(sourcesMatching("insert\\s+into\\s+metadata\\.outbox\\b"))
                .containsExactly(Path.of("outbox/Outbox.java"));
    }

    @Test
    void onlyTheFilePackageWritesTheFilesTable() throws IOException {
        assertThat(sourcesMatching("(insert\\s+into|update|delete\\s+from)\\s+metadata\\.files\\b"))
                .isNotEmpty()
                .allMatch(path -> path.startsWith("file"), "is in file/");
    }

    private static List<Path> sourcesMatching(String regex) throws IOException {
        Pattern pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> pattern.matcher(read(path)).find())
                    .map(SOURCES::relativize)
                    .sorted()
                    .toList();
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
