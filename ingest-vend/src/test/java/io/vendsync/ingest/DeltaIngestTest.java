package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.ingest.snapshot.SnapshotCommand;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendFault;
import io.vendsync.simulator.VendSimulator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeltaIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldSnapshotEveryRecordThenPublishOnlyChangesAndResumeFromCursorAfterRestart() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(2, 5, 1L);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.VEND_ENTITIES, "outlets,products,inventory");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            }
            final List<ConsumerRecord<String, VendChange>> snapshot = fx.read(fx.topics.rawInventory);
            assertThat(snapshot).hasSize(10);
            assertThat(snapshot).allSatisfy(r -> {
                assertThat(r.value().getOp()).isEqualTo(Op.r);
                assertThat(r.value().getSource().getSnapshot()).isTrue();
                // Keyed by product, so a product's stock is in one partition beside its resolution; the id is in the value.
                assertThat(r.key()).isEqualTo(json(r.value()).path("product_id").asText()).isNotBlank();
            });
            assertThat(fx.read(fx.topics.rawProducts)).allSatisfy(r -> assertThat(r.key()).isEqualTo(json(r.value()).path("id").asText()))
                    .hasSize(5);
            assertThat(fx.read(fx.topics.rawOutlets)).hasSize(2);

            final InventoryRecord changed = vend.inventory().get(3);
            vend.setInventory(changed.productId(), changed.outletId(), 777);
            final String deletedProduct = vend.products().get(0).id();
            vend.deleteProduct(deletedProduct);
            final long requestsBefore = vend.requestCount();
            try (IngestApp restarted = IngestApp.start(new IngestConfig(settings))) {
                assertThat(restarted.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            }
            final List<ConsumerRecord<String, VendChange>> inventory = fx.read(fx.topics.rawInventory);
            assertThat(inventory).hasSize(11);
            final ConsumerRecord<String, VendChange> delta = inventory.stream()
                    .filter(r -> r.value().getOp() == Op.u).collect(Collectors.toList()).get(0);
            assertThat(json(delta.value()).path("inventory_level").asLong()).isEqualTo(777);
            assertThat(delta.value().getSource().getSnapshot()).isFalse();

            final List<ConsumerRecord<String, VendChange>> products = fx.read(fx.topics.rawProducts);
            assertThat(products).hasSize(6);
            assertThat(products.stream().filter(r -> r.value().getOp() == Op.d).map(ConsumerRecord::key))
                    .containsExactly(deletedProduct);
            // Three collections, each one short page after the cursor: no full re-read after the restart.
            assertThat(vend.requestCount() - requestsBefore).isLessThanOrEqualTo(6);
        }
    }

    @Test
    void shouldUseNoMoreRequestsThanPagesForASnapshot() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults().withMaxPageSize(100))) {
            vend.seed(3, 100, 2L);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.VEND_ENTITIES, "inventory");
            // A configured budget: no register count at start, so every request is a page.
            settings.put(IngestConfig.VEND_RATE_BUDGET, "100");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            }
            assertThat(fx.read(fx.topics.rawInventory)).hasSize(300);
            // 300 records at Vend's cap of 100 per page: 3 full pages and the empty one that ends the read.
            assertThat(vend.requestCount()).isEqualTo(4);
        }
    }

    @Test
    void shouldReadASnapshotToTheEmptyPageWhenVendCutsAPageShort() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults().withMaxPageSize(100))) {
            vend.seed(3, 100, 4L);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            // A configured budget: no register count, so the pages are the only collection requests.
            settings.put(IngestConfig.VEND_RATE_BUDGET, "100");
            // The second page comes back with 50 records though 200 follow: only the empty page ends a snapshot, which
            // drops its cursor when it ends, so stopping at the short page would never publish the rest.
            vend.injectFault(VendFault.SHORT_PAGE, 1, 1);
            SnapshotCommand.run(new IngestConfig(settings), List.of("inventory"), new PrintStream(OutputStream.nullOutputStream()));
            assertThat(fx.read(fx.topics.rawInventory)).hasSize(300).extracting(IngestFixture::vendId).doesNotHaveDuplicates();
            // /versions, then pages of 100, 50 (the short one), 100, 50 and the empty one.
            assertThat(vend.requestCount()).isEqualTo(6);
        }
    }

    @Test
    void shouldNotEndADeltaEarlyWhenVendRepeatsTheRecordsOfAPage() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults().withMaxPageSize(100))) {
            vend.seed(3, 100, 5L);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.VEND_ENTITIES, "inventory");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                final List<InventoryRecord> changed = vend.inventory().subList(0, 250);
                changed.forEach(r -> vend.setInventory(r.productId(), r.outletId(), 1_000 + r.inventoryLevel()));
                // The delta's first page carries each of its 100 records twice: 200 records, no longer a page Vend
                // fills. Its next, full page of 100 must not read as the short last one.
                vend.injectFault(VendFault.DUPLICATE_RECORDS, 1);
                ingest.scheduler().trigger("inventory", "test");
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            }
            assertThat(fx.read(fx.topics.rawInventory).stream().filter(r -> r.value().getOp() == Op.u))
                    .hasSize(250).extracting(IngestFixture::vendId).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldWaitOutRetryAfterAndStillReadEverythingWhenVendAnswers429() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(1, 3, 3L);
            vend.injectFailures(2, 429);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.VEND_ENTITIES, "inventory");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(60))).isTrue();
                assertThat(ingest.scheduler().failures()).isZero();
            }
            assertThat(fx.read(fx.topics.rawInventory)).hasSize(3);
        }
    }

    private static JsonNode json(final VendChange change) {
        try {
            return JSON.readTree(change.getAfter());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
