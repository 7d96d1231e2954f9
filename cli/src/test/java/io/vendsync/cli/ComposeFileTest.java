package io.vendsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vendsync.runtime.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of docker-compose.yml without a Docker engine: it parses, every service it depends on exists,
 * every VENDSYNC_* variable it (or .env.example) sets is a setting of the app that reads it, Kafka is the version the
 * code is built with, and Kafka UI is pinned and decodes Avro through the registry the apps write to.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    private static final Path ENV_EXAMPLE = Path.of("..", ".env.example");
    private static final Map<String, ConfigDef> APPS = Map.of(
            "ingest", io.vendsync.ingest.IngestConfig.CONFIG_DEF,
            "mapper", io.vendsync.mapper.MapperConfig.CONFIG_DEF,
            "sink", io.vendsync.sink.SinkConfig.CONFIG_DEF);

    private final JsonNode services = read().path("services");

    @Test
    void shouldDependOnlyOnServicesTheFileDefines() {
        final List<String> missing = new ArrayList<>();
        services.fields().forEachRemaining(service -> service.getValue().path("depends_on").fieldNames()
                .forEachRemaining(dependency -> {
                    if (!services.has(dependency)) {
                        missing.add(service.getKey() + " -> " + dependency);
                    }
                }));
        assertThat(missing).isEmpty();
        assertThat(services.fieldNames()).toIterable().contains("kafka", "registry", "kafka-ui", "ingest", "mapper", "sink");
    }

    @Test
    void shouldSetOnlyVariablesTheAppsDeclare() throws IOException {
        final Set<String> envFileVariables = Files.readAllLines(ENV_EXAMPLE).stream()
                .filter(line -> line.startsWith(ConfigSource.ENV_PREFIX))
                .map(line -> line.substring(0, line.indexOf('='))).collect(Collectors.toCollection(TreeSet::new));
        final Set<String> anyApp = APPS.values().stream().flatMap(def -> variables(def).stream()).collect(Collectors.toSet());
        assertThat(envFileVariables).as(".env.example").isNotEmpty().isSubsetOf(anyApp);

        APPS.forEach((app, def) -> {
            final JsonNode service = services.path(app);
            assertThat(service.path("command").get(0).asText()).as(app + " command").isEqualTo(app);
            final Set<String> set = new TreeSet<>();
            service.path("environment").fieldNames().forEachRemaining(set::add);
            assertThat(set).as(app + " environment").isNotEmpty().isSubsetOf(variables(def));
            assertThat(service.path("environment").path("VENDSYNC_SCHEMA_REGISTRY_URL").asText())
                    .as(app + " writes the Confluent wire format to the registry Kafka UI reads")
                    .isEqualTo(services.path("kafka-ui").path("environment").path("KAFKA_CLUSTERS_0_SCHEMAREGISTRY").asText())
                    .startsWith("http://registry:");
        });
    }

    @Test
    void shouldRunTheKafkaVersionTheCodeIsBuiltWith() {
        assertThat(services.path("kafka").path("image").asText()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    }

    @Test
    void shouldPinEveryImage() {
        services.fields().forEachRemaining(service -> {
            final String image = service.getValue().path("image").asText("");
            if (!image.isEmpty()) {
                assertThat(image).as(service.getKey()).contains(":").doesNotEndWith(":latest");
            }
        });
    }

    private static Set<String> variables(final ConfigDef def) {
        return def.names().stream().map(ConfigSource::environmentVariable).collect(Collectors.toSet());
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("docker-compose.yml does not parse: " + e.getMessage(), e);
        }
    }
}
