package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.raw.VendChange;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ReadOverlapIngestTest {

    @Test
    void shouldCatchAWriteThatCommitsBelowTheCursorWithoutRepublishingWhatWasAlreadyPublished() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(1, 5, 91L);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.VEND_RATE_BUDGET, "100");
            settings.put(IngestConfig.VEND_ENTITIES, "inventory");
            settings.put(IngestConfig.VEND_READ_OVERLAP_VERSIONS, "5");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                final List<InventoryRecord> records = vend.inventory();
                // A writes late: its version is taken before B's, but it becomes visible after B was read.
                final InventoryRecord a = records.get(0);
                final InventoryRecord b = records.get(1);
                final Runnable commitA = vend.beginLateInventoryWrite(a.productId(), a.outletId(), 111);
                vend.setInventory(b.productId(), b.outletId(), 222);
                read(ingest);
                assertThat(fx.read(fx.topics.rawInventory)).hasSize(6);

                commitA.run();
                read(ingest);
                final List<ConsumerRecord<String, VendChange>> raw = fx.read(fx.topics.rawInventory);
                // A arrives although its version is below the cursor; B and the snapshot are not published again.
                assertThat(raw).hasSize(7);
                final List<ConsumerRecord<String, VendChange>> delta = raw.stream()
                        .filter(r -> !r.value().getSource().getSnapshot()).toList();
                assertThat(delta).extracting(IngestFixture::vendId).containsExactlyInAnyOrder(a.id(), b.id());
                final ConsumerRecord<String, VendChange> late = delta.stream().filter(r -> IngestFixture.vendId(r).equals(a.id())).findFirst()
                        .orElseThrow();
                final ConsumerRecord<String, VendChange> onTime = delta.stream().filter(r -> IngestFixture.vendId(r).equals(b.id())).findFirst()
                        .orElseThrow();
                assertThat(VendEntitiesIngestTest.json(late.value()).path("inventory_level").asLong()).isEqualTo(111);
                assertThat(late.value().getSource().getVersion()).isLessThan(onTime.value().getSource().getVersion());

                read(ingest);
                assertThat(fx.read(fx.topics.rawInventory)).as("a read over the same window publishes nothing").hasSize(7);
            }
        }
    }

    private static void read(final IngestApp ingest) throws InterruptedException {
        ingest.scheduler().trigger("inventory", "test");
        assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(ingest.scheduler().failures()).isZero();
    }
}
