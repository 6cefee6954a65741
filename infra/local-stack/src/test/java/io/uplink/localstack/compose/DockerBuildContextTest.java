package io.uplink.localstack.compose;

import io.uplink.localstack.RepositoryRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where this project is built, so the build stage of infra/docker/service.Dockerfile is
 * replayed by hand: its COPY instructions assemble the same context (honouring .dockerignore) in a temp dir, and its
 * {@code ./mvnw} command runs there offline, with the phase replaced by {@code validate}. That reads the whole
 * reactor, so a module listed in the root pom but not copied into the image fails here instead of in
 * {@code docker compose up --build}.
 */
class DockerBuildContextTest {

    private static final String DOCKERFILE = "infra/docker/service.Dockerfile";
    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>");
    private static final Pattern PACKAGING = Pattern.compile("<packaging>\\s*pom\\s*</packaging>");
    /** Maven options whose value is the next argument. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-pl", "--projects", "-P", "--activate-profiles",
            "-f", "--file", "-rf", "--resume-from", "-s", "--settings", "-T", "--threads");

    private static Path root;
    private static BuildStage stage;

    @TempDir
    Path context;

    @BeforeAll
    static void readDockerfile() throws IOException {
        root = RepositoryRoot.locate(Path.of(""));
        stage = BuildStage.of(Files.readAllLines(root.resolve(DOCKERFILE)));
    }

    @Test
    void everyModuleOfTheReactorHasItsPomInTheBuildContext() throws IOException {
        assemble();
        List<String> missing = new ArrayList<>();
        for (String module : modules(root, "")) {
            if (!Files.isRegularFile(context.resolve(module).resolve("pom.xml"))) {
                missing.add(module + "/pom.xml");
            }
        }
        assertThat(missing).as("poms the reactor reads but the Dockerfile's build stage does not copy").isEmpty();
    }

    @Test
    void everyModuleTheImageBuildsHasItsSourcesInTheBuildContext() throws IOException {
        assemble();
        List<String> missing = new ArrayList<>();
        for (String module : builtModules()) {
            Path sources = context.resolve(module).resolve("src/main");
            if (!Files.isDirectory(sources)) {
                missing.add(module + "/src/main");
            } else if (!sameFiles(root.resolve(module).resolve("src/main"), sources)) {
                missing.add(module + "/src/main (incomplete)");
            }
        }
        assertThat(missing).as("sources of modules the build stage compiles").isEmpty();
    }

    @Test
    void theBuildStagesMavenCommandReadsTheReactorOffline() throws Exception {
        assemble();
        List<String> command = new ArrayList<>(List.of("./mvnw", "-o"));
        command.addAll(validateInsteadOfGoals(stage.mavenArguments()));
        String localRepository = System.getProperty("uplink.maven.repo.local", "");
        if (!localRepository.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        Path log = Files.createTempFile("docker-build-context", ".log");
        try {
            Process maven = new ProcessBuilder(command).directory(context.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!maven.waitFor(3, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took longer than 3 minutes");
            }
            assertThat(maven.exitValue())
                    .as("%s in the Dockerfile's build context answered:%n%s", String.join(" ", command),
                            Files.readString(log, StandardCharsets.UTF_8))
                    .isZero();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    // ---- the Dockerfile ------------------------------------------------------------------------------------------

    /** The first stage of the Dockerfile: its COPY instructions (from the context) and its ./mvnw command. */
    private record BuildStage(List<List<String>> copies, List<String> mavenArguments) {

        static BuildStage of(List<String> lines) {
            List<String> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : lines) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                } else {
                    instructions.add(current.append(trimmed).toString());
                    current.setLength(0);
                }
            }
            List<List<String>> copies = new ArrayList<>();
            List<String> maven = null;
            int stages = 0;
            for (String instruction : instructions) {
                List<String> words = List.of(instruction.trim().split("\\s+"));
                String keyword = words.get(0).toUpperCase();
                if (keyword.equals("FROM") && ++stages > 1) {
                    break;
                }
                if ((keyword.equals("COPY") || keyword.equals("ADD"))) {
                    List<String> arguments = words.subList(1, words.size()).stream()
                            .filter(word -> !word.startsWith("--")).toList();
                    assertThat(words).as("build stage copies from the context only: %s", instruction)
                            .noneMatch(word -> word.startsWith("--from"));
                    assertThat(arguments).as("exec-form or wildcard COPY is not understood here: %s", instruction)
                            .hasSizeGreaterThanOrEqualTo(2)
                            .noneMatch(word -> word.startsWith("[") || word.contains("*") || word.contains("?"));
                    copies.add(arguments);
                }
                if (keyword.equals("RUN") && words.contains("./mvnw")) {
                    assertThat(maven).as("one ./mvnw command in the build stage").isNull();
                    maven = words.subList(words.indexOf("./mvnw") + 1, words.size());
                }
            }
            assertThat(copies).as("COPY instructions of the build stage").isNotEmpty();
            assertThat(maven).as("the build stage's RUN ./mvnw").isNotNull();
            return new BuildStage(copies, maven);
        }

        /** The -pl list of the Maven command (empty: the whole reactor). */
        List<String> projects() {
            int option = Math.max(mavenArguments.indexOf("-pl"), mavenArguments.indexOf("--projects"));
            return option < 0 ? List.of() : List.of(mavenArguments.get(option + 1).split(","));
        }

        boolean alsoMake() {
            return mavenArguments.contains("-am") || mavenArguments.contains("--also-make");
        }
    }

    /** The command with its goals and phases replaced by validate: reads every pom, builds nothing. */
    private static List<String> validateInsteadOfGoals(List<String> arguments) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (OPTIONS_WITH_VALUE.contains(argument)) {
                result.add(argument);
                result.add(arguments.get(++i));
            } else if (argument.startsWith("-")) {
                result.add(argument);
            } else if (argument.equals("&&") || argument.equals(";")) {
                break;
            }
        }
        result.add("validate");
        return result;
    }

    // ---- the build context ---------------------------------------------------------------------------------------

    /** Copies what the build stage's COPY instructions take from the repository into {@link #context}. */
    private void assemble() throws IOException {
        DockerIgnore ignore = DockerIgnore.read(root.resolve(".dockerignore"));
        for (List<String> copy : stage.copies()) {
            String destination = copy.get(copy.size() - 1);
            List<String> sources = copy.subList(0, copy.size() - 1);
            boolean intoDirectory = destination.endsWith("/") || sources.size() > 1;
            Path target = context.resolve(destination.replaceFirst("^/src/?", "")).normalize();
            assertThat(target.startsWith(context)).as("COPY destination %s stays in WORKDIR", destination).isTrue();
            for (String source : sources) {
                Path from = root.resolve(source).normalize();
                assertThat(from).as("COPY source %s", source).exists();
                if (Files.isDirectory(from)) {
                    copyTree(from, target, ignore);
                } else if (!ignore.excludes(root.relativize(from))) {
                    Path to = intoDirectory ? target.resolve(from.getFileName()) : target;
                    Files.createDirectories(to.getParent());
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to, DockerIgnore ignore) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(file) || ignore.excludes(root.relativize(file))) {
                    continue;
                }
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** .dockerignore as Docker reads it: patterns relative to the context root, {@code !} re-includes, last match wins. */
    private record DockerIgnore(List<Pattern> patterns, List<Boolean> exceptions) {

        static DockerIgnore read(Path file) throws IOException {
            List<Pattern> patterns = new ArrayList<>();
            List<Boolean> exceptions = new ArrayList<>();
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file)) {
                    String pattern = line.strip();
                    if (pattern.isEmpty() || pattern.startsWith("#")) {
                        continue;
                    }
                    boolean exception = pattern.startsWith("!");
                    pattern = pattern.substring(exception ? 1 : 0).replaceAll("^/+", "").replaceAll("/+$", "");
                    patterns.add(Pattern.compile(toRegex(pattern)));
                    exceptions.add(exception);
                }
            }
            return new DockerIgnore(patterns, exceptions);
        }

        /** Whether the file (or a directory above it) is excluded from the context. */
        boolean excludes(Path relative) {
            boolean excluded = false;
            for (int i = 0; i < patterns.size(); i++) {
                for (Path prefix = relative; prefix != null; prefix = prefix.getParent()) {
                    if (patterns.get(i).matcher(prefix.toString().replace('\\', '/')).matches()) {
                        excluded = !exceptions.get(i);
                        break;
                    }
                }
            }
            return excluded;
        }

        private static String toRegex(String glob) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                    regex.append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                } else if (c == '*') {
                    regex.append("[^/]*");
                } else if (c == '?') {
                    regex.append("[^/]");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return regex.toString();
        }
    }

    // ---- the reactor ---------------------------------------------------------------------------------------------

    /** Module directories (relative to the repository root) the pom at {@code directory} lists, recursively. */
    private static List<String> modules(Path repository, String directory) throws IOException {
        String pom = Files.readString(repository.resolve(directory).resolve("pom.xml"));
        List<String> modules = new ArrayList<>();
        Matcher module = MODULE.matcher(pom);
        while (module.find()) {
            String path = directory.isEmpty() ? module.group(1) : directory + "/" + module.group(1);
            modules.add(path);
            if (Files.isRegularFile(repository.resolve(path).resolve("pom.xml"))) {
                modules.addAll(modules(repository, path));
            }
        }
        return modules;
    }

    /** The modules the Maven command builds: its -pl list and, with -am, the io.uplink modules they need. */
    private static Set<String> builtModules() throws IOException {
        Map<String, String> moduleByArtifact = new LinkedHashMap<>();
        Map<String, String> poms = new LinkedHashMap<>();
        for (String module : modules(root, "")) {
            String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
            Matcher artifact = ARTIFACT_ID.matcher(pom.replaceAll("(?s)<parent>.*?</parent>", ""));
            assertThat(artifact.find()).as("artifactId of %s", module).isTrue();
            moduleByArtifact.put(artifact.group(1), module);
            poms.put(module, pom);
        }
        List<String> requested = stage.projects().isEmpty() ? List.copyOf(poms.keySet()) : stage.projects();
        Set<String> built = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(requested);
        while (!pending.isEmpty()) {
            String module = pending.pop();
            assertThat(poms).as("-pl %s is a module of the reactor", module).containsKey(module);
            if (!built.add(module) || !stage.alsoMake()) {
                continue;
            }
            Matcher dependency = Pattern.compile("(?s)<dependency>.*?</dependency>").matcher(poms.get(module));
            while (dependency.find()) {
                if (dependency.group().contains("<groupId>io.uplink</groupId>")) {
                    Matcher artifact = ARTIFACT_ID.matcher(dependency.group());
                    if (artifact.find() && moduleByArtifact.containsKey(artifact.group(1))) {
                        pending.push(moduleByArtifact.get(artifact.group(1)));
                    }
                }
            }
        }
        built.removeIf(module -> PACKAGING.matcher(poms.get(module)).find());
        return built;
    }

    private static boolean sameFiles(Path original, Path copy) {
        try (Stream<Path> originals = Files.walk(original); Stream<Path> copies = Files.walk(copy)) {
            return originals.filter(Files::isRegularFile).count() == copies.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
