package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.ingest.snapshot.SnapshotCommand;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.ops.IngestCursor;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SnapshotResumeTest {

    @Test
    void shouldResumeASnapshotKilledMidwayFromItsOwnCursorWithoutGapsAndLeaveTheDeltaCursorAlone() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults().withMaxPageSize(25))) {
            vend.seed(2, 150, 51L);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.VEND_ENTITIES, "inventory");
            settings.put(IngestConfig.VEND_RATE_BUDGET, "1000");
            // The running ingest's delta cursor, which no snapshot may move.
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            }
            final String deltaKey = Keys.cursor(vend.domainPrefix(), "inventory");
            final String snapshotKey = Keys.cursor(vend.domainPrefix(), "inventory#snapshot");
            final List<Long> deltaBefore = cursorValues(fx, deltaKey);
            final int rawBefore = fx.read(fx.topics.rawInventory).size();

            // 300 records in pages of 25, each page 150 ms late: the child is killed a few pages in.
            vend.injectLatency(Duration.ofMillis(150));
            final Path log = Files.createTempFile("snapshot-child", ".log");
            final Process child = startChild(settings, log);
            try {
                fx.await(IngestTopics.of(fx.topics).cursors, all -> all.stream().filter(r -> r.key().equals(snapshotKey)).count() >= 3);
            } finally {
                child.destroyForcibly().waitFor();
            }
            final List<Long> firstRun = cursorValues(fx, snapshotKey);
            assertThat(firstRun).hasSizeBetween(3, 11);
            assertThat(Files.readString(log)).contains("snapshot inventory: reading from version 0").doesNotContain("done");

            vend.injectLatency(Duration.ZERO);
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            SnapshotCommand.run(new IngestConfig(settings), List.of("inventory"), new PrintStream(out, true, StandardCharsets.UTF_8));
            final String progress = out.toString(StandardCharsets.UTF_8);
            assertThat(progress).contains("resuming after version " + firstRun.get(firstRun.size() - 1))
                    .contains("rate budget left").contains("snapshot inventory: done");

            final List<ConsumerRecord<String, VendChange>> all = fx.read(fx.topics.rawInventory);
            final Set<String> published = all.stream().filter(r -> r.value().getSource().getSnapshot())
                    .map(r -> IngestFixture.vendId(r) + "@" + r.value().getSource().getVersion()).collect(Collectors.toSet());
            // Every record at its version, snapshotted by the two runs together (the killed run's open page aborted).
            for (final InventoryRecord record : vend.inventory()) {
                assertThat(published).contains(record.id() + "@" + record.version());
            }
            assertThat(all.size() - rawBefore).isGreaterThanOrEqualTo(300).isLessThanOrEqualTo(300 + 25);
            // The snapshot cursor climbed page by page across both runs without a step back, and was then removed.
            final List<ConsumerRecord<String, IngestCursor>> cursorRecords = fx.read(IngestTopics.of(fx.topics).cursors).stream()
                    .filter(r -> r.key().equals(snapshotKey)).toList();
            assertThat(cursorRecords.get(cursorRecords.size() - 1).value()).isNull();
            final List<Long> climb = cursorValues(fx, snapshotKey);
            assertThat(climb).isSorted().doesNotHaveDuplicates().startsWith(firstRun.toArray(Long[]::new));
            assertThat(climb.get(climb.size() - 1)).isEqualTo(vend.currentVersion());
            assertThat(cursorValues(fx, deltaKey)).isEqualTo(deltaBefore);
        }
    }

    private static List<Long> cursorValues(final IngestFixture fx, final String key) {
        final List<Long> values = new ArrayList<>();
        for (final ConsumerRecord<String, IngestCursor> r : fx.read(IngestTopics.of(fx.topics).cursors)) {
            if (r.key().equals(key) && r.value() != null) {
                values.add(r.value().getVersion());
            }
        }
        return values;
    }

    private static Process startChild(final Map<String, String> settings, final Path log) throws Exception {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SnapshotChild.class.getName(), "inventory"));
        settings.forEach((k, v) -> command.add(k + "=" + v));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
