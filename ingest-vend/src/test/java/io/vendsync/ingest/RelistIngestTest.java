package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendFault;
import io.vendsync.simulator.VendSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Vend's 2.0 lists of price book entries, price books, taxes and payment types take no {@code deleted=true}: a deleted
 * record just stops being listed, and no version-cursor read can see it go. Listing them whole finds it.
 */
class RelistIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldPublishAnEntryVendStopsListingAsDeletedAndAgainWhenListedAgainAlsoAcrossARestart() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(1, 2, 71L);
            vend.putRecord("price_books", "book-1", JSON.createObjectNode().put("name", "VIP"));
            final String product = entries(vend, 3);
            final Map<String, String> settings = settings(fx, vend, "price_books,price_book_products");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                final long lastVersion = version(fx.await(fx.topics.raw("price_book_products"), all -> all.size() >= 3), "entry-1");
                vend.deleteRecord("price_book_products", "entry-1");

                final ConsumerRecord<String, VendChange> deletion = deletionOf(fx, "entry-1");
                final JsonNode after = JSON.readTree(deletion.value().getAfter());
                // The entry's last JSON, so the price mapper knows whose price it was, with Vend's soft-delete mark.
                assertThat(after.path("product_id").asText()).isEqualTo(product);
                assertThat(after.path("price_book_id").asText()).isEqualTo("book-1");
                assertThat(after.path("deleted_at").asText()).isNotBlank();
                // Above the entry's own, and one Vend has handed out already: no later change can carry it.
                assertThat(deletion.value().getSource().getVersion()).isGreaterThan(lastVersion)
                        .isLessThanOrEqualTo(vend.currentVersion());
                assertThat(deletion.value().getSource().getTrigger()).isEqualTo("relist");

                // Listed again (here: made again in Vend; the delta poll is a minute away): published again by the
                // listing, above the deletion, so the mappers' version gates take it back.
                vend.putRecord("price_book_products", "entry-1", entry(product, "8.00"));
                final long deletedAt = deletion.value().getSource().getVersion();
                final ConsumerRecord<String, VendChange> back = fx.await(fx.topics.raw("price_book_products"),
                                all -> all.stream().anyMatch(r -> r.key().equals("entry-1") && r.value().getOp() != Op.d
                                        && r.value().getSource().getVersion() > deletedAt))
                        .stream().filter(r -> r.key().equals("entry-1") && r.value().getOp() != Op.d
                                && r.value().getSource().getVersion() > deletedAt).findFirst().orElseThrow();
                assertThat(back.value().getSource().getTrigger()).isEqualTo("relist");
                assertThat(back.value().getAfter()).contains("8.00");
            }

            // Deleted while no ingest runs: the restarted one still knows it published it.
            vend.deleteRecord("price_book_products", "entry-2");
            try (IngestApp restarted = IngestApp.start(new IngestConfig(settings))) {
                assertThat(restarted.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(deletionOf(fx, "entry-2").value().getAfter()).contains(product);
                Thread.sleep(1_000); // a few more listings
            }
            assertThat(fx.read(fx.topics.raw("price_book_products")))
                    .filteredOn(r -> r.value().getOp() == Op.d).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder("entry-1", "entry-2"); // once each, and the live ones never
        }
    }

    @Test
    void shouldTakeNothingAsDeletedFromAListingWithARecordItCannotIdentify() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(1, 1, 72L);
            entries(vend, 2);
            final Map<String, String> settings = settings(fx, vend, "price_book_products");
            settings.put(IngestConfig.VEND_MAX_ATTEMPTS, "1"); // a page with an unusable record is taken at once
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                fx.await(fx.topics.raw("price_book_products"), all -> all.size() >= 2);
                // Three listings in a row whose first record arrives double-encoded: that record cannot be told from a
                // missing one, so none of them deletes anything.
                final long before = vend.requestCount();
                vend.injectFault(VendFault.WRONG_SHAPE_RECORD, 3);
                final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                // Each listing: its page and the empty page; the faulty three, then clean ones.
                while (vend.requestCount() < before + 10 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(vend.requestCount()).isGreaterThanOrEqualTo(before + 10);
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(fx.read(fx.topics.raw("price_book_products"))).noneMatch(r -> r.value().getOp() == Op.d);
        }
    }

    @Test
    void shouldPublishAChangeThatCommittedBelowVersionsAlreadyReadWhenTheListingFindsIt() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(1, 1, 73L);
            final String product = entries(vend, 2);
            final Map<String, String> settings = settings(fx, vend, "price_book_products");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                fx.await(fx.topics.raw("price_book_products"), all -> all.size() >= 2);
                // entry-1's edit takes its version now and commits after a later edit of entry-2 was read.
                final Runnable late = vend.beginLateWrite("price_book_products", "entry-1", entry(product, "7.00"));
                vend.putRecord("price_book_products", "entry-2", entry(product, "8.00"));
                ingest.scheduler().trigger("price_book_products", "test");
                fx.await(fx.topics.raw("price_book_products"), all -> all.stream().anyMatch(r -> r.value().getAfter().contains("8.00")));
                late.run();

                // The delta reads are past its version and never see it; the next listing does, and publishes it.
                final ConsumerRecord<String, VendChange> found = fx.await(fx.topics.raw("price_book_products"),
                                all -> all.stream().anyMatch(r -> r.value().getAfter().contains("7.00")))
                        .stream().filter(r -> r.value().getAfter().contains("7.00")).findFirst().orElseThrow();
                assertThat(found.key()).isEqualTo("entry-1");
                assertThat(found.value().getSource().getTrigger()).isEqualTo("relist");
            }
        }
    }

    /** An entry of book-1 for the product at the price, as the back office writes it. */
    private static ObjectNode entry(final String product, final String price) {
        return JSON.createObjectNode().put("price_book_id", "book-1").put("product_id", product).put("price", price);
    }

    /** The store's entries entry-1..entry-n of its first product at 9.00; returns that product's id. */
    private static String entries(final VendSimulator vend, final int n) {
        final String product = vend.products().get(0).id();
        for (int i = 1; i <= n; i++) {
            vend.putRecord("price_book_products", "entry-" + i, entry(product, "9.00"));
        }
        return product;
    }

    /** Reads the given collections without webhooks, listing the relisted ones every 300 ms. */
    private static Map<String, String> settings(final IngestFixture fx, final VendSimulator vend, final String entities) {
        final Map<String, String> settings = fx.settings(vend);
        settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
        settings.put(IngestConfig.VEND_ENTITIES, entities);
        settings.put(IngestConfig.VEND_RELIST_INTERVAL_MS, "300");
        return settings;
    }

    private static ConsumerRecord<String, VendChange> deletionOf(final IngestFixture fx, final String id) throws InterruptedException {
        return fx.await(fx.topics.raw("price_book_products"),
                        all -> all.stream().anyMatch(r -> r.key().equals(id) && r.value().getOp() == Op.d))
                .stream().filter(r -> r.key().equals(id) && r.value().getOp() == Op.d).findFirst().orElseThrow();
    }

    private static long version(final List<ConsumerRecord<String, VendChange>> records, final String id) {
        return records.stream().filter(r -> r.key().equals(id)).mapToLong(r -> r.value().getSource().getVersion()).max()
                .orElseThrow();
    }
}
