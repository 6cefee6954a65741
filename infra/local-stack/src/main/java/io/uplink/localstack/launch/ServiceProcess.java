package io.uplink.localstack.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service running as a child JVM from its exec jar. Its output goes to {@code <logs>/<name>.log} and, unless
 * the console is null, to the console with the service name in front of each line.
 */
public final class ServiceProcess {

    private static final int TAIL_LINES = 40;
    /** What an instance recording its class-data archive may need beyond the grace period to write it on exit. */
    private static final Duration ARCHIVE_WRITING_TIME = Duration.ofSeconds(90);

    private final ServiceSpec spec;
    private final ExtractedJar jar;
    private final boolean recordsArchive;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private Thread pump;

    private ServiceProcess(ServiceSpec spec, ExtractedJar jar, boolean recordsArchive, Process process) {
        this.spec = spec;
        this.jar = jar;
        this.recordsArchive = recordsArchive;
        this.process = process;
    }

    public static ServiceProcess start(ServiceSpec spec, ExtractedJar jar, List<String> jvmOptions, Path workingDirectory,
                                       Path logDirectory, PrintStream console, int nameWidth) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.addAll(jvmOptions);
        ExtractedJar.Launch launch = jar.launch(spec.name());
        command.addAll(launch.arguments());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(spec.environment());
        try {
            Files.createDirectories(logDirectory);
            Writer logFile = Files.newBufferedWriter(logDirectory.resolve(spec.name() + ".log"), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ServiceProcess started = new ServiceProcess(spec, jar, launch.records(), builder.start());
            String prefix = String.format("%-" + nameWidth + "s | ", spec.name());
            started.pump = new Thread(() -> started.pump(logFile, console, prefix), "log-" + spec.name());
            started.pump.setDaemon(true);
            started.pump.start();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name(), e);
        }
    }

    /** The JVM that runs the services: the one running the stack. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private void pump(Writer logFile, PrintStream console, String prefix) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             logFile) {
            String line;
            while ((line = reader.readLine()) != null) {
                logFile.write(line);
                logFile.write(System.lineSeparator());
                logFile.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                if (console != null) {
                    console.println(prefix + line);
                }
            }
        } catch (IOException e) {
            // The process closed its output: nothing more to copy.
        }
    }

    public ServiceSpec spec() {
        return spec;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** The last lines the service printed, to explain a failed start. */
    public List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** SIGKILL: the process gets no chance to finish anything (reliability scenarios use it as a crash). */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jar.exited(spec.name(), false);
    }

    /** Whether this instance writes its module's class-data archive when it exits (its stop takes longer). */
    public boolean recordsArchive() {
        return recordsArchive;
    }

    /**
     * SIGTERM first so Spring's graceful shutdown runs; killed if it has not ended within the grace period (and the
     * time to write its class-data archive, if it records one).
     */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            jar.exited(spec.name(), false); // it ended on its own: whatever it recorded is not a clean stop's
            return;
        }
        process.destroy();
        boolean cleanly = false;
        try {
            Duration allowed = recordsArchive ? grace.plus(ARCHIVE_WRITING_TIME) : grace;
            cleanly = process.waitFor(allowed.toMillis(), TimeUnit.MILLISECONDS);
            if (!cleanly) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            pump.join(2_000); // so the service's last (shutdown) lines reach its log
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        jar.exited(spec.name(), cleanly);
    }
}
