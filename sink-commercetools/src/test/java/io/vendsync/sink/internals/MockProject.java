package io.vendsync.sink.internals;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.channel.Channel;
import com.commercetools.api.models.inventory.InventoryEntry;
import com.commercetools.api.models.inventory.InventoryEntryUpdate;
import com.commercetools.api.models.inventory.InventoryEntryUpdateAction;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.sink.SinkConfig;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.write.WriterTemplate;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * One fresh commercetools project on the shared mock (a unique project key), with a logged client for the
 * code under test and an unlogged one for the test's own reads and behind-the-back writes.
 */
public final class MockProject implements AutoCloseable {

    public final CommercetoolsMock mock = CommercetoolsMock.shared().withUniqueProjectKey();
    public final List<IntegrationLogEntry> log = new CopyOnWriteArrayList<>();
    public final ProjectApiRoot api;
    public final ProjectApiRoot direct;
    public final String typeId;

    public MockProject() {
        api = CommercetoolsClient.build(mock.projectKey(), mock.clientId(), mock.clientSecret(), List.of(), mock.authUrl(),
                mock.apiUrl(), new IntegrationLogMiddleware((key, entry) -> log.add(entry), 4096));
        direct = CommercetoolsClient.build(mock.projectKey(), mock.clientId(), mock.clientSecret(), List.of(), mock.authUrl(),
                mock.apiUrl(), null);
        typeId = new InventoryTypeEnsurer(api).ensure();
    }

    /** The inventory writer on the template, as the sink builds it (remembering entries it read or wrote), with its own statistics. */
    public WriterTemplate<InventoryLevel, InventoryEntry, InventoryEntryUpdateAction> writer(final int maxConflictRetries) {
        return writer(maxConflictRetries, (Integer) SinkConfig.CONFIG_DEF.defaultValues().get(SinkConfig.SINK_INVENTORY_CACHE_ENTRIES));
    }

    /** The inventory writer on the template remembering up to {@code knownEntries} entries (0: none). */
    public WriterTemplate<InventoryLevel, InventoryEntry, InventoryEntryUpdateAction> writer(final int maxConflictRetries,
                                                                                             final int knownEntries) {
        return InventoryWriter.template(api, new ChannelResolver(api), typeId, maxConflictRetries, new SinkStatistics(), knownEntries);
    }

    public static InventoryLevel level(final String channelKey, final String sku, final long quantity, final long sourceVersion) {
        return InventoryLevel.newBuilder()
                .setSku(sku)
                .setChannelKey(channelKey)
                .setQuantity(quantity)
                .setSourceVersion(sourceVersion)
                .setSourceTsMs(System.currentTimeMillis())
                .setVendProductId("prod-" + sku)
                .setVendOutletId("outlet-" + channelKey)
                .setVendInventoryId("inv-" + channelKey + "-" + sku)
                .setDomainPrefix("teststore")
                .build();
    }

    public List<Channel> channels(final String key) {
        return direct.channels().get().withWhere("key = :key").withPredicateVar("key", key).executeBlocking().getBody().getResults();
    }

    public List<InventoryEntry> entries(final String sku) {
        return direct.inventory().get().withWhere("sku = :sku").withPredicateVar("sku", sku).executeBlocking().getBody().getResults();
    }

    public InventoryEntry entry(final String sku) {
        final List<InventoryEntry> entries = entries(sku);
        if (entries.size() != 1) {
            throw new AssertionError("expected one entry for " + sku + ", got " + entries.size());
        }
        return entries.get(0);
    }

    public static Long sourceVersion(final InventoryEntry entry) {
        final Object value = entry.getCustom().getFields().values().get(InventoryTypeEnsurer.SOURCE_VERSION_FIELD);
        return value == null ? null : ((Number) value).longValue();
    }

    /** Requests that changed something (anything but GET/HEAD). */
    public List<IntegrationLogEntry> writes() {
        return log.stream().filter(e -> !e.getMethod().equals("GET") && !e.getMethod().equals("HEAD")).collect(Collectors.toList());
    }

    public List<IntegrationLogEntry> requests(final String method, final String pathPart) {
        return log.stream().filter(e -> e.getMethod().equals(method) && e.getUrl().contains(pathPart)).collect(Collectors.toList());
    }

    /** Updates the entry with the unlogged client at its version, as another application would. */
    public void changeBehindTheBack(final InventoryEntry entry, final InventoryEntryUpdateAction... actions) {
        direct.inventory().withId(entry.getId())
                .post(InventoryEntryUpdate.builder().version(entry.getVersion()).actions(List.of(actions)).build())
                .executeBlocking();
    }

    @Override
    public void close() {
        api.close();
        direct.close();
    }
}
