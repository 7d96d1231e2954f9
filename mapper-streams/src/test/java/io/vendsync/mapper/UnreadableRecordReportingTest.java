package io.vendsync.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.serde.SerdeFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each raw Vend entity has one parser, and one topology that reports the records it refuses; the other topologies that
 * read the same topic skip them. So an unreadable record reaches {@code errors.validation} once, however many
 * topologies read its topic (outlets are read by four).
 */
class UnreadableRecordReportingTest {

    private static final Topics TOPICS = new Topics("test.reporting.", SerdeFactory.singleObject());

    @TempDir
    Path stateDir;

    @Test
    void shouldReportAnUnreadableRawRecordOnceAcrossAllTopologies() {
        final Map<String, Integer> readers = new TreeMap<>();
        final Map<String, Integer> reports = new TreeMap<>();
        for (final MapperTopologies.Registration topology : MapperTopologies.production().registrations()) {
            try (TopologyFixture fixture = new TopologyFixture(stateDir.resolve(topology.name()), TOPICS, Map.of(),
                    "reporting-" + topology.name(), topology.build())) {
                for (final String entity : Topics.VEND_ENTITIES) {
                    try {
                        fixture.raw(entity, entity, TopologyFixture.change(Op.u, entity, "not json", 1, TopologyFixture.START_MS));
                        readers.merge(entity, 1, Integer::sum);
                    } catch (IllegalArgumentException notReadHere) {
                        // this topology does not read the entity
                    }
                }
                for (final KeyValue<String, ValidationError> error : fixture.errors()) {
                    assertThat(error.value.getCode()).isEqualTo("PAYLOAD_INVALID");
                    reports.merge(error.key, 1, Integer::sum);
                }
            }
        }

        assertThat(readers).containsEntry("outlets", 4).containsEntry("taxes", 3).containsEntry("products", 3);
        final Map<String, Integer> once = new TreeMap<>();
        readers.keySet().forEach(entity -> once.put(entity, 1));
        assertThat(reports).isEqualTo(once);
    }
}
