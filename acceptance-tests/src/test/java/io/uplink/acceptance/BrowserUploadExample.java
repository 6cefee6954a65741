package io.uplink.acceptance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/browser-upload} as a new user runs it: Uppy fetched by its script, the backend started with
 * {@code java ExampleBackend.java}, the tenant's API key in its environment only.
 */
final class BrowserUploadExample implements AutoCloseable {

    /** The end user the example backend names as its tokens' subject. */
    static final String SUBJECT = "browser-user-7";

    private static final Pattern LISTENING = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+)/");

    private final Process process;
    private final String url;

    private BrowserUploadExample(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static BrowserUploadExample start(Path repository, String gatewayUrl, String apiKey) {
        Path example = repository.resolve("examples/browser-upload");
        assertThat(Processes.run(example, example.resolve("fetch-uppy").toString()))
                .as("examples/browser-upload/fetch-uppy").isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "ExampleBackend.java").directory(example.toFile())
                .redirectErrorStream(true);
        builder.environment().put("UPLINK", gatewayUrl);
        builder.environment().put("UPLINK_KEY", apiKey);
        builder.environment().put("PORT", "0");
        builder.environment().put("UPLINK_SUBJECT", SUBJECT);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String url = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = output.readLine()) != null; ) {
                        System.out.println("example | " + line);
                        Matcher listening = LISTENING.matcher(line);
                        if (listening.find()) {
                            return listening.group(1);
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(url).as("the example backend's address").isNotNull();
            Thread echo = new Thread(() -> output.lines().forEach(line -> System.out.println("example | " + line)),
                    "example-backend-output");
            echo.setDaemon(true);
            echo.start();
            return new BrowserUploadExample(process, url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the example backend did not start", e);
        }
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
