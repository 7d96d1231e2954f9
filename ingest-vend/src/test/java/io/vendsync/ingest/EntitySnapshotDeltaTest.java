package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.simulator.Outlet;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.SaleLine;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Vend collection on the real broker: the first read is a snapshot of every live record (op=r), then a change
 * arrives as op=u and a soft delete as op=d where the collection lists deleted records (deleted=true), and not at
 * all where it does not (reference 4). One store and one ingest serve every case; each case reads its collection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntitySnapshotDeltaTest {

    private final IngestFixture fx = new IngestFixture();
    private final Map<String, List<String>> snapshotKeys = new HashMap<>();
    private VendSimulator vend;
    private IngestApp ingest;

    static Stream<String> listingDeleted() {
        return Stream.of("outlets", "registers", "customer_groups", "customers", "brands", "products", "outlet_taxes");
    }

    static Stream<String> notListingDeleted() {
        return Stream.of("taxes", "payment_types", "suppliers", "product_types", "price_books", "price_book_products",
                "consignments", "sales");
    }

    @BeforeAll
    void startStoreAndIngest() throws Exception {
        vend = VendSimulator.start(SimulatorOptions.defaults());
        vend.seed(3, 4, 71L);
        vend.seedStore(1, 4, 71L);
        final String register = vend.records("registers").get(0).path("id").asText();
        final String cash = vend.records("payment_types").get(0).path("id").asText();
        final String supplier = vend.records("suppliers").get(0).path("id").asText();
        for (int i = 0; i < 2; i++) {
            vend.createSale(register, null, List.of(new SaleLine(vend.products().get(i).id(), 1)), cash);
            vend.createConsignment("SUPPLIER", null, vend.outlets().get(i).id(), supplier,
                    List.of(new SaleLine(vend.products().get(i).id(), 5)));
        }
        Stream.concat(listingDeleted(), notListingDeleted()).forEach(entity -> snapshotKeys.put(entity, liveKeys(entity)));
        final Map<String, String> settings = fx.settings(vend);
        settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
        settings.put(IngestConfig.VEND_RATE_BUDGET, "1000");
        settings.put(IngestConfig.VEND_ENTITIES, Stream.concat(listingDeleted(), notListingDeleted())
                .collect(Collectors.joining(",")));
        ingest = IngestApp.start(new IngestConfig(settings));
        assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(ingest.scheduler().failures()).isZero();
    }

    @AfterAll
    void stop() {
        if (ingest != null) {
            ingest.close();
        }
        if (vend != null) {
            vend.close();
        }
    }

    @ParameterizedTest
    @MethodSource("listingDeleted")
    void shouldSnapshotThenPublishAChangeAsOpUAndASoftDeleteAsOpD(final String entity) throws Exception {
        final String changed = change(entity);
        final String deleted = snapshotKeys.get(entity).get(1);
        vend.deleteRecord(entity, deleted);

        final List<ConsumerRecord<String, VendChange>> raw = read(entity);
        final List<ConsumerRecord<String, VendChange>> snapshot = assertSnapshot(entity, raw);
        final List<ConsumerRecord<String, VendChange>> delta = delta(raw);
        assertThat(delta).as(entity).hasSize(2);
        assertThat(delta).filteredOn(r -> r.value().getOp() == Op.u).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo(changed));
        assertThat(delta).filteredOn(r -> r.value().getOp() == Op.d).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(deleted);
            assertThat(VendEntitiesIngestTest.json(r.value()).path("deleted_at").isNull()).isFalse();
        });
    }

    @ParameterizedTest
    @MethodSource("notListingDeleted")
    void shouldSnapshotThenPublishAChangeButNoDeleteWhereTheCollectionDoesNotListDeletedRecords(final String entity)
            throws Exception {
        final String changed = change(entity);
        final String deleted = snapshotKeys.get(entity).get(1);
        vend.deleteRecord(entity, deleted);

        // Vend stops listing the deleted record: the delta carries the change only, and no op=d can be published.
        final List<ConsumerRecord<String, VendChange>> raw = read(entity);
        final List<ConsumerRecord<String, VendChange>> snapshot = assertSnapshot(entity, raw);
        final List<ConsumerRecord<String, VendChange>> delta = delta(raw);
        assertThat(delta).as(entity).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(changed);
            assertThat(r.value().getOp()).isEqualTo(Op.u);
            assertThat(r.value().getSource().getVersion())
                    .isGreaterThan(snapshot.stream().mapToLong(s -> s.value().getSource().getVersion()).max().orElseThrow());
        });
    }

    /** The snapshot part of the raw topic: every record live at the start, once, as op=r. */
    private List<ConsumerRecord<String, VendChange>> assertSnapshot(final String entity,
                                                                    final List<ConsumerRecord<String, VendChange>> raw) {
        final List<ConsumerRecord<String, VendChange>> snapshot = raw.stream()
                .filter(r -> r.value().getSource().getSnapshot()).toList();
        assertThat(snapshot).as(entity).allSatisfy(r -> {
            assertThat(r.value().getOp()).isEqualTo(Op.r);
            assertThat(r.value().getSource().getEntity()).isEqualTo(entity);
        });
        assertThat(snapshot).extracting(ConsumerRecord::key).as(entity)
                .containsExactlyInAnyOrderElementsOf(snapshotKeys.get(entity)).hasSizeGreaterThanOrEqualTo(2);
        return snapshot;
    }

    /** Reads the entity now (a trigger, as a webhook would) and returns its whole raw topic. */
    private List<ConsumerRecord<String, VendChange>> read(final String entity) throws InterruptedException {
        ingest.scheduler().trigger(entity, "test");
        assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(ingest.scheduler().failures()).isZero();
        return fx.read(fx.topics.raw(entity));
    }

    /** Records published after the snapshot; a topic has several partitions, so they are told apart by the flag. */
    private static List<ConsumerRecord<String, VendChange>> delta(final List<ConsumerRecord<String, VendChange>> raw) {
        return raw.stream().filter(r -> !r.value().getSource().getSnapshot()).toList();
    }

    /** Changes one live record the way Vend's back office would, and returns the key of the changed record. */
    private String change(final String entity) {
        final String first = snapshotKeys.get(entity).get(0);
        switch (entity) {
            case "products" -> vend.updateProduct(first, e -> e.name("Renamed product"));
            case "outlets" -> {
                // The simulator edits no outlet; a new one is as much a change to the collection.
                final Outlet added = vend.addOutlet("Outlet added", "NZD", "NZ");
                return added.id();
            }
            case "sales" -> vend.voidSale(first);
            case "consignments" -> vend.sendConsignment(first);
            default -> {
                final JsonNode current = vend.records(entity).stream()
                        .filter(r -> VendSimulator.keyOf(entity, r).equals(first)).findFirst().orElseThrow();
                final ObjectNode fields = current.deepCopy();
                List.of("id", "version", "deleted_at", "created_at", "updated_at").forEach(fields::remove);
                if (fields.has("name")) {
                    fields.put("name", fields.path("name").asText() + " (changed)");
                } else if (fields.has("first_name")) {
                    fields.put("first_name", "Changed");
                } else if (fields.has("price")) {
                    fields.put("price", 1.23);
                } else {
                    fields.put("tax_id", "changed-tax");
                }
                vend.putRecord(entity, first, fields);
            }
        }
        return first;
    }

    private List<String> liveKeys(final String entity) {
        return switch (entity) {
            case "products" -> vend.products().stream().map(Product::id).toList();
            case "outlets" -> vend.outlets().stream().map(Outlet::id).toList();
            default -> vend.records(entity).stream().map(r -> VendSimulator.keyOf(entity, r)).toList();
        };
    }
}
