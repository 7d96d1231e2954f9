package io.vendsync.sink.internals;

import static io.vendsync.sink.internals.InventoryTypeEnsurer.DOMAIN_PREFIX_FIELD;
import static io.vendsync.sink.internals.InventoryTypeEnsurer.SOURCE_VERSION_FIELD;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.inventory.InventoryEntry;
import com.commercetools.api.models.inventory.InventoryPagedQueryResponse;
import com.commercetools.api.models.inventory.InventoryEntryChangeQuantityAction;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import com.commercetools.api.models.inventory.InventoryEntrySetCustomFieldAction;
import com.commercetools.api.models.inventory.InventoryEntrySetCustomTypeAction;
import com.commercetools.api.models.inventory.InventoryEntryUpdate;
import com.commercetools.api.models.inventory.InventoryEntryUpdateAction;
import com.commercetools.api.models.type.CustomFields;
import com.commercetools.api.models.type.CustomFieldsDraft;
import com.commercetools.api.models.type.FieldContainer;
import com.commercetools.api.models.type.TypeResourceIdentifier;
import io.vendsync.schemas.FailureHeaders;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.sink.SinkStatistics;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import io.vendsync.sink.write.Attempt;
import io.vendsync.sink.write.ResourceVersion;
import io.vendsync.sink.write.ResourceWriter;
import io.vendsync.sink.write.WriterTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory resource on the {@link WriterTemplate}: sets the inventory entry of (SKU, supply channel) to the
 * record's absolute quantity, unless the entry already carries the record's source version or a newer one. The source
 * version lives on the entry (custom field {@value InventoryTypeEnsurer#SOURCE_VERSION_FIELD}), so it is read together
 * with the quantity and survives restarts; a replayed topic therefore writes nothing.
 *
 * <p>Rules:
 * <ul>
 *   <li><b>Negative quantities are clamped to 0</b> (logged at WARN with the SKU). Vend lets stock go below
 *       zero (sold but not received); commercetools' API spec types quantityOnStock as int64 without a
 *       minimum, but whether the live API accepts negatives is unconfirmed, and for shoppers "-3" and "0"
 *       mean the same: out of stock. The record's source version is still stored, so ordering holds.</li>
 *   <li>More than one entry for (SKU, channel) (the real API forbids it, the mock allows it): a conflict is
 *       logged and counted, the entry with the highest source version (tie: oldest) is written, no other is
 *       created.</li>
 *   <li>An entry with another custom Type is not touched (replacing the Type would erase someone else's
 *       fields): the record fails.</li>
 *   <li><b>Batched reads</b> ({@link #findAll}): the entries of many SKUs of one channel in one query,
 *       {@code sku in (...)}, at most {@value #SKUS_PER_QUERY} SKUs and {@value #MAX_QUERY_CHARS} characters of SKUs
 *       per query (well inside commercetools' URL limits; commercetools-sync-java cuts at 10,000).</li>
 * </ul>
 * The template serialises the applies of one key, handles 409s and counts outcomes.
 */
public final class InventoryWriter implements ResourceWriter<InventoryLevel, InventoryEntry, InventoryEntryUpdateAction> {

    public static final String ENTITY = FailureHeaders.ENTITY_INVENTORY;
    /** SKUs per batched query. */
    static final int SKUS_PER_QUERY = 100;
    /** Characters of SKU values per batched query. */
    static final int MAX_QUERY_CHARS = 6_000;
    private static final int QUERY_LIMIT = 500;

    private static final Logger LOG = LoggerFactory.getLogger(InventoryWriter.class);

    private final ProjectApiRoot api;
    private final ChannelResolver channels;
    private final String typeId;
    private final SinkStatistics statistics;

    /** @param statistics where duplicate entries and clamped quantities are counted (the template's) */
    public InventoryWriter(final ProjectApiRoot api, final ChannelResolver channels, final String typeId, final SinkStatistics statistics) {
        this.api = Objects.requireNonNull(api, "api");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.typeId = Objects.requireNonNull(typeId, "typeId");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    /** The inventory writer on the template, counting into {@code statistics}. */
    public static WriterTemplate<InventoryLevel, InventoryEntry, InventoryEntryUpdateAction> template(final ProjectApiRoot api,
            final ChannelResolver channels, final String typeId, final int maxConflictRetries, final SinkStatistics statistics) {
        return new WriterTemplate<>(new InventoryWriter(api, channels, typeId, statistics), maxConflictRetries, statistics);
    }

    /** {@code <channel_key>/<sku>@<source_version>}: the record key plus version, for logs and the integration log. */
    public static String correlationIdOf(final InventoryLevel level) {
        return Keys.inventory(level.getChannelKey(), level.getSku()) + "@" + level.getSourceVersion();
    }

    @Override
    public String entity() {
        return ENTITY;
    }

    @Override
    public String key(final InventoryLevel record) {
        return Keys.inventory(record.getChannelKey(), record.getSku());
    }

    @Override
    public long sourceVersion(final InventoryLevel record) {
        return record.getSourceVersion();
    }

    @Override
    public String correlationId(final InventoryLevel record) {
        return correlationIdOf(record);
    }

    @Override
    public boolean absoluteState() {
        return true;
    }

    @Override
    public boolean readsInBatches() {
        return true;
    }

    @Override
    public InventoryEntry find(final InventoryLevel level, final Attempt attempt) {
        final String channelId = channels.resolve(level.getChannelKey(), attempt.correlationId());
        final List<InventoryEntry> entries = attempt.tag(api.inventory().get()
                        .withWhere("sku = :sku and supplyChannel(id = :channelId)")
                        .withPredicateVar("sku", level.getSku())
                        .withPredicateVar("channelId", channelId)
                        .withLimit(QUERY_LIMIT))
                .executeBlocking().getBody().getResults();
        return entries.isEmpty() ? null : pick(entries, attempt.correlationId());
    }

    /** One query per channel and chunk of SKUs ({@code sku in (...)}), paged when a chunk matches more than a page. */
    @Override
    public Map<String, InventoryEntry> findAll(final List<InventoryLevel> records, final Attempt attempt) {
        final Map<String, List<String>> skusByChannel = new LinkedHashMap<>();
        for (final InventoryLevel level : records) {
            final List<String> skus = skusByChannel.computeIfAbsent(level.getChannelKey(), k -> new ArrayList<>());
            if (!skus.contains(level.getSku())) {
                skus.add(level.getSku());
            }
        }
        final Map<String, InventoryEntry> found = new HashMap<>();
        for (final Map.Entry<String, List<String>> channel : skusByChannel.entrySet()) {
            final String channelId = channels.resolve(channel.getKey(), attempt.correlationId());
            for (final List<String> chunk : skuChunks(channel.getValue())) {
                final Map<String, List<InventoryEntry>> bySku = new HashMap<>();
                for (final InventoryEntry entry : query(chunk, channelId, attempt)) {
                    bySku.computeIfAbsent(entry.getSku(), k -> new ArrayList<>()).add(entry);
                }
                bySku.forEach((sku, entries) -> found.put(Keys.inventory(channel.getKey(), sku), pick(entries, attempt.correlationId())));
            }
        }
        return found;
    }

    private List<InventoryEntry> query(final List<String> skus, final String channelId, final Attempt attempt) {
        final StringBuilder where = new StringBuilder("sku in (");
        for (int i = 0; i < skus.size(); i++) {
            where.append(i == 0 ? ":s" : ", :s").append(i);
        }
        where.append(") and supplyChannel(id = :channelId)");
        final List<InventoryEntry> all = new ArrayList<>();
        for (int offset = 0; ; offset += QUERY_LIMIT) {
            var request = api.inventory().get().withWhere(where.toString()).withPredicateVar("channelId", channelId)
                    .withLimit(QUERY_LIMIT).withOffset(offset);
            for (int i = 0; i < skus.size(); i++) {
                request = request.withPredicateVar("s" + i, skus.get(i));
            }
            final InventoryPagedQueryResponse page = attempt.tag(request).executeBlocking().getBody();
            all.addAll(page.getResults());
            if (page.getResults().size() < QUERY_LIMIT) {
                return all;
            }
        }
    }

    /** SKUs cut into chunks of at most {@value #SKUS_PER_QUERY} and {@value #MAX_QUERY_CHARS} characters. */
    static List<List<String>> skuChunks(final List<String> skus) {
        final List<List<String>> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        int chars = 0;
        for (final String sku : skus) {
            if (!chunk.isEmpty() && (chunk.size() == SKUS_PER_QUERY || chars + sku.length() > MAX_QUERY_CHARS)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                chars = 0;
            }
            chunk.add(sku);
            chars += sku.length();
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    @Override
    public void create(final InventoryLevel level, final Attempt attempt) {
        final String channelId = channels.resolve(level.getChannelKey(), attempt.correlationId());
        final InventoryEntryDraft draft = InventoryEntryDraft.builder()
                .sku(level.getSku())
                .supplyChannel(ChannelResourceIdentifier.builder().id(channelId).build())
                .quantityOnStock(targetQuantity(level))
                .custom(CustomFieldsDraft.builder()
                        .type(TypeResourceIdentifier.builder().id(typeId).build())
                        .fields(fields(level))
                        .build())
                .build();
        attempt.tag(api.inventory().post(draft)).executeBlocking(ResourceVersion.class);
        warnIfClamped(level);
    }

    @Override
    public OptionalLong appliedVersion(final InventoryEntry entry) {
        final Long stored = storedSourceVersion(entry);
        return stored == null ? OptionalLong.empty() : OptionalLong.of(stored);
    }

    @Override
    public long version(final InventoryEntry entry) {
        return entry.getVersion();
    }

    @Override
    public long update(final InventoryEntry entry, final long version, final List<InventoryEntryUpdateAction> actions,
                       final Attempt attempt) {
        return attempt.tag(api.inventory().withId(entry.getId())
                        .post(InventoryEntryUpdate.builder().version(version).actions(actions).build()))
                .executeBlocking(ResourceVersion.class).getBody().version();
    }

    /** Counts and logs a negative quantity written as 0. */
    @Override
    public void beforeUpdate(final InventoryEntry entry, final InventoryLevel level, final List<InventoryEntryUpdateAction> actions,
                             final Attempt attempt) {
        warnIfClamped(level);
    }

    /**
     * The quantity commercetools gets. Rule: a negative Vend quantity becomes 0 (see the class comment); all
     * other values pass unchanged.
     */
    static long targetQuantity(final InventoryLevel level) {
        return Math.max(0, level.getQuantity());
    }

    private void warnIfClamped(final InventoryLevel level) {
        if (level.getQuantity() < 0) {
            statistics.incrementNegativeQuantitiesClamped();
            LOG.warn("SKU {} at channel {}: Vend quantity {} is negative; setting commercetools quantityOnStock to 0 (source version {})",
                    level.getSku(), level.getChannelKey(), level.getQuantity(), level.getSourceVersion());
        }
    }

    private static FieldContainer fields(final InventoryLevel level) {
        return FieldContainer.builder()
                .addValue(SOURCE_VERSION_FIELD, level.getSourceVersion())
                .addValue(DOMAIN_PREFIX_FIELD, level.getDomainPrefix())
                .build();
    }

    /** The entry to write when there are several: highest stored source version, then oldest. */
    private InventoryEntry pick(final List<InventoryEntry> entries, final String correlationId) {
        if (entries.size() == 1) {
            return entries.get(0);
        }
        final InventoryEntry chosen = entries.stream()
                .max(Comparator.<InventoryEntry>comparingLong(e -> {
                            final Long v = storedSourceVersion(e);
                            return v == null ? Long.MIN_VALUE : v;
                        })
                        .thenComparing(InventoryEntry::getCreatedAt, Comparator.<ZonedDateTime>reverseOrder()))
                .orElseThrow();
        statistics.incrementDuplicateEntries();
        LOG.warn("{}: CONFLICT: {} inventory entries exist for this SKU and supply channel ({}); writing only {} "
                        + "(highest source version, then oldest). Remove the duplicates in commercetools.",
                correlationId, entries.size(), entries.stream().map(InventoryEntry::getId).toList(), chosen.getId());
        return chosen;
    }

    /** The source version stored on the entry; null when it has none (or carries another custom Type). */
    private Long storedSourceVersion(final InventoryEntry entry) {
        final CustomFields custom = entry.getCustom();
        if (custom == null || custom.getType() == null || !typeId.equals(custom.getType().getId()) || custom.getFields() == null) {
            return null;
        }
        final Object value = custom.getFields().values().get(SOURCE_VERSION_FIELD);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    /** changeQuantity when it differs, and the source version (and domain prefix) fields; refuses another application's custom Type. */
    @Override
    public List<InventoryEntryUpdateAction> diff(final InventoryEntry entry, final InventoryLevel level) {
        final long quantity = targetQuantity(level);
        final List<InventoryEntryUpdateAction> actions = new ArrayList<>();
        if (entry.getQuantityOnStock() == null || entry.getQuantityOnStock() != quantity) {
            actions.add(InventoryEntryChangeQuantityAction.builder().quantity(quantity).build());
        }
        final CustomFields custom = entry.getCustom();
        if (custom == null || custom.getType() == null) {
            actions.add(InventoryEntrySetCustomTypeAction.builder()
                    .type(TypeResourceIdentifier.builder().id(typeId).build())
                    .fields(fields(level))
                    .build());
        } else if (typeId.equals(custom.getType().getId())) {
            actions.add(InventoryEntrySetCustomFieldAction.builder()
                    .name(SOURCE_VERSION_FIELD).value(level.getSourceVersion()).build());
            final Object prefix = custom.getFields() == null ? null : custom.getFields().values().get(DOMAIN_PREFIX_FIELD);
            if (!Objects.equals(prefix, level.getDomainPrefix())) {
                actions.add(InventoryEntrySetCustomFieldAction.builder()
                        .name(DOMAIN_PREFIX_FIELD).value(level.getDomainPrefix()).build());
            }
        } else {
            throw new SinkWriteException(correlationIdOf(level), "inventory entry " + entry.getId() + " has the custom type "
                    + custom.getType().getId() + ", not '" + InventoryTypeEnsurer.TYPE_KEY + "' (" + typeId
                    + "); vendsync does not replace another application's custom fields", null);
        }
        return actions;
    }
}
