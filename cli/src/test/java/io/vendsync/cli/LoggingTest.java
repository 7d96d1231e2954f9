package io.vendsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingTest {

    @Test
    void shouldLogJsonLinesOnStdoutForTheApps() throws Exception {
        final Result result = run("sink", Path.of("."));
        assertThat(result.stdout()).hasSize(2);
        final JsonNode line = new ObjectMapper().readTree(result.stdout().get(0));
        assertThat(line.path("message").asText()).isEqualTo("probe message");
        assertThat(line.path("log.level").asText()).isEqualTo("INFO");
        assertThat(line.path("log.logger").asText()).isEqualTo("io.vendsync.sink.SinkApp");
        assertThat(line.has("@timestamp")).isTrue();
    }

    @Test
    void shouldLogTheDemoToAFileSoItsConsoleShowsOnlyItsProgress(@TempDir final Path dir) throws Exception {
        final Result result = run("demo", dir);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEmpty();
        final List<String> log = Files.readAllLines(dir.resolve(Logging.DEMO_LOG));
        assertThat(log).anySatisfy(l -> assertThat(l).contains("INFO").endsWith("SinkApp - probe message"))
                .anySatisfy(l -> assertThat(l).contains("WARN").endsWith("NetworkClient - a Kafka client warning"))
                .noneSatisfy(l -> assertThat(l).contains("below the root level"));
    }

    @Test
    void shouldLogTextOnStderrForTheTools() throws Exception {
        final Result result = run("topics", Path.of("."));
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).anySatisfy(l -> assertThat(l).contains("INFO").endsWith("SinkApp - probe message"))
                .anySatisfy(l -> assertThat(l).contains("WARN").endsWith("NetworkClient - a Kafka client warning"));
    }

    /** The test class path, valid from another working directory. */
    private static String absolute(final String classPath) {
        return java.util.Arrays.stream(classPath.split(File.pathSeparator)).map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    private record Result(List<String> stdout, List<String> stderr) {
    }

    private static Result run(final String command, final Path workingDirectory) throws Exception {
        final Process process = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", absolute(System.getProperty("java.class.path")), LoggingProbe.class.getName(), command)
                .directory(workingDirectory.toFile())
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        final List<String> out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        final List<String> err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(process.exitValue()).as("stderr: %s", err).isZero();
        return new Result(out, err);
    }
}
