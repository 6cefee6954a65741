package io.uplink.localstack.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service's exec jar prepared for a quick start: extracted once to a plain class path (Spring Boot's
 * {@code -Djarmode=tools extract}, next to the jar under {@code target/extracted/}), and started with a dynamic
 * class data sharing (CDS) archive of the classes it loads. On a small machine a service's start is mostly loading
 * and verifying classes: with the archive mapped, the whole stack is ready in about half the time.
 *
 * <p>The JDK 17 way, which later JDKs keep: one instance of a module started without an archive records one when it
 * exits cleanly ({@code -XX:ArchiveClassesAtExit}); the stack then publishes it as the module's archive, and every
 * later start of the module's instances maps it ({@code -XX:SharedArchiveFile}). A killed instance leaves no archive.
 * A new build of the jar is extracted again, which drops the old archive.
 */
public final class ExtractedJar {

    private static final String ARCHIVE = "classes.jsa";

    private final Path launchJar;
    private final Path directory;
    private String recorder;

    ExtractedJar(Path launchJar, Path directory) {
        this.launchJar = launchJar;
        this.directory = directory;
    }

    /** The exec jar as built, started with {@code -jar}: no extraction, no archive ({@code --class-data-sharing=off}). */
    public static ExtractedJar asBuilt(Path execJar) {
        return new ExtractedJar(execJar, null);
    }

    /** Extracts the jar unless its extraction is current; with {@code java} the JVM that will run it. */
    public static ExtractedJar prepare(Path execJar, Path java) {
        Path directory = execJar.resolveSibling("extracted");
        String stamp = stampOf(execJar);
        Path launchJar = directory.resolve(execJar.getFileName());
        if (!stamp.equals(readStamp(directory)) || !Files.isRegularFile(launchJar)) {
            extract(execJar, java, directory, stamp);
        }
        return new ExtractedJar(launchJar, directory);
    }

    /**
     * How one instance starts: mapping the module's archive when there is one; otherwise the first instance to start
     * records one (the others of the module start without, rather than record the same archive again).
     */
    public synchronized Launch launch(String instance) {
        if (directory == null) {
            return new Launch(List.of("-jar", launchJar.toString()), false);
        }
        List<String> arguments = new ArrayList<>();
        Path archive = directory.resolve(ARCHIVE);
        boolean records = false;
        if (Files.isRegularFile(archive)) {
            arguments.add("-XX:SharedArchiveFile=" + archive);
        } else if (recorder == null || recorder.equals(instance)) {
            recorder = instance;
            records = true;
            arguments.add("-XX:ArchiveClassesAtExit=" + recording(instance));
        }
        arguments.add("-Xlog:cds=off");
        arguments.add("-Xlog:cds+dynamic=off");
        arguments.add("-jar");
        arguments.add(launchJar.toString());
        return new Launch(List.copyOf(arguments), records);
    }

    /**
     * After an instance's process ended: if it was recording and exited cleanly, its recording becomes the module's
     * archive; if it was killed, the next instance to start records instead.
     */
    public synchronized void exited(String instance, boolean cleanly) {
        if (directory == null || !instance.equals(recorder)) {
            return;
        }
        recorder = null;
        Path recording = recording(instance);
        try {
            if (cleanly && Files.size(recording) > 0) {
                Files.move(recording, directory.resolve(ARCHIVE), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // Nothing recorded (the JVM could not write it): the next start records again.
        } finally {
            try {
                Files.deleteIfExists(recording);
            } catch (IOException e) {
                // Left for the next recording of this instance to overwrite.
            }
        }
    }

    /**
     * The arguments that start an instance from the extracted jar.
     *
     * @param records whether the instance writes the module's archive when it exits: its stop takes longer (about
     *                ten seconds of one core for a service), once per build
     */
    public record Launch(List<String> arguments, boolean records) {
    }

    private Path recording(String instance) {
        return directory.resolve(instance + ".jsa.recording");
    }

    private static void extract(Path execJar, Path java, Path directory, String stamp) {
        Path staging = directory.resolveSibling("extracted-" + ProcessHandle.current().pid());
        try {
            deleteTree(staging);
            Process process = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", execJar.toString(),
                    "extract", "--destination", staging.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("could not extract " + execJar + " (java -Djarmode=tools -jar … extract)");
            }
            Files.writeString(staging.resolve(".stamp"), stamp, StandardCharsets.UTF_8);
            deleteTree(directory);
            try {
                Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                deleteTree(staging); // a stack started at the same moment extracted it first
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + execJar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting " + execJar);
        }
    }

    private static String stampOf(Path jar) {
        try {
            return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readStamp(Path directory) {
        try {
            return Files.readString(directory.resolve(".stamp"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
