package io.vendsync.mapper.inventory.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.mapper.internals.InventoryMapping;
import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.mapping.MappingOrigin;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import io.vendsync.schemas.serde.SerdeFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InventoryDecisions} on stores a test fills directly: the state a restarted task finds, which a
 * TopologyTestDriver cannot give (it wipes its state directory on close).
 */
class InventoryDecisionsTest {

    private static final Topics TOPICS = new Topics("test.", SerdeFactory.singleObject());
    private static final InventoryRecords.StoreNames NAMES = new InventoryRecords.StoreNames("entries", "resolutions", "outlets",
            TOPICS.outletChannels.name(), TOPICS.outletChannels.valueSerde().deserializer(), "kit-parents", "kit-counts",
            "channels-seen");
    private static final InventoryRoutes ROUTES = new InventoryRoutes("canonical", "unmapped", "kits");
    private static final String OUTLET = "outlet-1";

    private final InventoryDecisions supplier = new InventoryDecisions(NAMES, Duration.ofSeconds(1),
            new InventoryMapping("raw", "overrides", "sku-overrides"), ROUTES, true);
    private final List<StateStore> stores = new ArrayList<>();
    private final MockProcessorContext<String, InventoryOutput> context;
    private final KeyValueStore<String, InventoryEntry> entries;
    private final KeyValueStore<String, String> channelsSeen;
    private final TimestampedKeyValueStore<String, ProductResolution> resolutions;
    private final TimestampedKeyValueStore<String, byte[]> outlets;

    InventoryDecisionsTest(@TempDir final Path stateDir) {
        context = new MockProcessorContext<>(new Properties(), new TaskId(0, 0), stateDir.toFile());
        // The stores the processor declares, as it declares them (RocksDB, its serdes); a mock context keeps no changelog
        // and no record cache.
        supplier.stores().forEach(builder -> add(builder.withLoggingDisabled().withCachingDisabled().build()));
        entries = context.getStateStore(NAMES.entries());
        channelsSeen = context.getStateStore("channels-seen");
        // The two tables the topology gives it: the resolutions (a KTable) and the outlets (a global table of bytes).
        resolutions = add(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(NAMES.resolutions()), Serdes.String(),
                TOPICS.productResolutions.valueSerde()).withLoggingDisabled().build());
        outlets = add(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(NAMES.channels()), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build());
    }

    @AfterEach
    void closeStores() {
        stores.forEach(StateStore::close);
    }

    /**
     * A task restarted with records but no channels seen (state written before that store existed, or every outlet
     * mapping withdrawn) cannot know which channel its records were decided on: it must not take today's channels as
     * seen at its first record, so its first re-check re-decides them, and a record decided while its outlet was
     * unmapped flows.
     */
    @Test
    void shouldRedecideTheRecordsARestartedTaskHoldsWhenItHasNoChannelsSeen() {
        resolutions.put("product-1", ValueAndTimestamp.make(resolution("product-1", "SKU-1"), 0L));
        resolutions.put("product-2", ValueAndTimestamp.make(resolution("product-2", "SKU-2"), 0L));
        // Decided before the restart, while the outlet was unmapped (any outcome but the mapped one).
        entries.put("product-1|inventory-1", new InventoryEntry(stock("inventory-1", "product-1", 12, 100), "an earlier outcome", Map.of()));
        outlets.put(OUTLET, ValueAndTimestamp.make(TOPICS.outletChannels.valueSerde().serializer().serialize(TOPICS.outletChannels.name(),
                OutletChannel.newBuilder().setOutletId(OUTLET).setChannelKey("store-akl").setOrigin(MappingOrigin.EXPLICIT)
                        .setOutletName(null).build()), 0L));
        final Processor<String, InventoryAndResolution, String, InventoryOutput> decisions = supplier.get();
        decisions.init(context);

        decisions.process(new Record<>("product-2", new InventoryAndResolution(stock("inventory-2", "product-2", 5, 200),
                resolution("product-2", "SKU-2")), 1L));
        assertThat(canonicalInventoryIds()).containsExactly("inventory-2");
        // Not seeded: the decision found no channel settled for its outlet, and marked it so.
        assertThat(channelsSeen.get(OUTLET)).isEqualTo(SettledChannels.UNSETTLED);

        context.resetForwards();
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(2L);
        assertThat(canonicalInventoryIds()).containsExactly("inventory-1");
        assertThat(channelsSeen.get(OUTLET)).isEqualTo("store-akl");
    }

    /**
     * The re-check settles the outlets it found changed before it re-decides their records: a channel that moves while it
     * runs (another thread writes the global table) is one its re-decisions use but it did not settle on, so they mark the
     * outlet again, and the next re-check re-decides it. Settled after, the mark would be overwritten and the move missed;
     * and a re-decision that publishes nothing marks it too.
     */
    @Test
    void shouldMarkAnOutletAgainWhenItsChannelMovesWhileTheRecheckRuns() {
        resolutions.put("product-1", ValueAndTimestamp.make(resolution("product-1", "SKU-1"), 0L));
        entries.put("product-1|inventory-1", new InventoryEntry(stock("inventory-1", "product-1", 12, 100), "an earlier outcome", Map.of()));
        channelsSeen.put(OUTLET, "store-akl");
        outlets.put(OUTLET, ValueAndTimestamp.make(channel("store-wlg"), 0L)); // changed since the last re-check
        // After the re-check's scan of the table, the outlet reads as mapped elsewhere again.
        context.addStateStore(movingAfterScan(outlets, OUTLET, channel("store-chc")));
        final Processor<String, InventoryAndResolution, String, InventoryOutput> decisions = supplier.get();
        decisions.init(context);

        context.scheduledPunctuators().get(0).getPunctuator().punctuate(2L);

        assertThat(context.forwarded()).singleElement().satisfies(forward ->
                assertThat(forward.record().value().outcome().level().getChannelKey()).isEqualTo("store-chc"));
        assertThat(channelsSeen.get(OUTLET)).isEqualTo(SettledChannels.UNSETTLED);

        // Again: the re-decision reads as already published and publishes nothing, but it still marks the outlet.
        context.resetForwards();
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(3L);
        assertThat(context.forwarded()).isEmpty();
        assertThat(channelsSeen.get(OUTLET)).isEqualTo(SettledChannels.UNSETTLED);
    }

    /** {@code store}, except that once it has been scanned, {@code key} reads as {@code moved}. */
    @SuppressWarnings("unchecked")
    private static TimestampedKeyValueStore<String, byte[]> movingAfterScan(final TimestampedKeyValueStore<String, byte[]> store,
                                                                         final String key, final byte[] moved) {
        final boolean[] scanned = {false};
        return (TimestampedKeyValueStore<String, byte[]>) Proxy.newProxyInstance(InventoryDecisionsTest.class.getClassLoader(),
                new Class<?>[] {TimestampedKeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("all")) {
                        scanned[0] = true;
                    } else if (method.getName().equals("get") && scanned[0] && key.equals(args[0])) {
                        return ValueAndTimestamp.make(moved, 1L);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static byte[] channel(final String channelKey) {
        return TOPICS.outletChannels.valueSerde().serializer().serialize(TOPICS.outletChannels.name(),
                OutletChannel.newBuilder().setOutletId(OUTLET).setChannelKey(channelKey).setOrigin(MappingOrigin.EXPLICIT)
                        .setOutletName(null).build());
    }

    private List<String> canonicalInventoryIds() {
        return context.forwarded().stream().filter(forward -> forward.childName().equals(Optional.of("canonical")))
                .map(forward -> forward.record().value().outcome().level().getVendInventoryId()).toList();
    }

    private static VendInventory stock(final String id, final String productId, final long level, final long version) {
        return new VendInventory(id, productId, OUTLET, level, version, false, 1L, "store", false);
    }

    private static ProductResolution resolution(final String productId, final String sku) {
        return ProductResolution.newBuilder().setProductId(productId).setSku(sku).setSkuSource("VEND_SKU").setVersion(1L).build();
    }

    private <S extends StateStore> S add(final S store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        stores.add(store);
        return store;
    }
}
