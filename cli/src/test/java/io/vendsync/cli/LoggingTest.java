package io.vendsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoggingTest {

    @Test
    void shouldLogJsonLinesOnStdoutForTheApps() throws Exception {
        final Result result = run("sink");
        assertThat(result.stdout()).hasSize(1);
        final JsonNode line = new ObjectMapper().readTree(result.stdout().get(0));
        assertThat(line.path("message").asText()).isEqualTo("probe message");
        assertThat(line.path("log.level").asText()).isEqualTo("INFO");
        assertThat(line.path("log.logger").asText()).isEqualTo("io.vendsync.sink.SinkApp");
        assertThat(line.has("@timestamp")).isTrue();
    }

    @Test
    void shouldLogTextOnStderrForTheDemoSoItsProgressStaysReadable() throws Exception {
        final Result result = run("demo");
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).anySatisfy(l -> assertThat(l).contains("INFO").endsWith("SinkApp - probe message"));
    }

    private record Result(List<String> stdout, List<String> stderr) {
    }

    private static Result run(final String command) throws Exception {
        final Process process = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path"), LoggingProbe.class.getName(), command)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        final List<String> out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        final List<String> err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(process.exitValue()).as("stderr: %s", err).isZero();
        return new Result(out, err);
    }
}
