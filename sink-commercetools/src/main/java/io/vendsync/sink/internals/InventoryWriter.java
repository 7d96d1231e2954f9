package io.vendsync.sink.internals;

import static io.vendsync.sink.internals.InventoryTypeEnsurer.DOMAIN_PREFIX_FIELD;
import static io.vendsync.sink.internals.InventoryTypeEnsurer.SOURCE_VERSION_FIELD;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.client.error.BadRequestException;
import com.commercetools.api.client.error.ConcurrentModificationException;
import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.inventory.InventoryEntry;
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
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.sink.SinkStatistics;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one {@link InventoryLevel} to commercetools: sets the inventory entry of (SKU, supply channel) to
 * the record's absolute quantity, unless the entry already carries the record's source version or a newer
 * one. The source version lives on the entry (custom field {@value InventoryTypeEnsurer#SOURCE_VERSION_FIELD}),
 * so it is read together with the quantity and survives restarts; a replayed topic therefore writes nothing.
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
 *   <li>409 ConcurrentModification: re-read, rebuild the actions from the fresh entry (which may now carry a
 *       newer version, so nothing is written), at most {@code maxConflictRetries} times, then fail.</li>
 *   <li>An entry with another custom Type is not touched (replacing the Type would erase someone else's
 *       fields): the record fails.</li>
 * </ul>
 * Thread-safe: applies of one record key are serialised (striped locks), because the sink's main loop and its
 * retry loop may apply the same key at once, and a concurrent create would otherwise make two entries on a
 * server that does not enforce (SKU, channel) uniqueness. Failures are counted by the caller, once per record.
 */
public final class InventoryWriter {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryWriter.class);

    private final ProjectApiRoot api;
    private final ChannelResolver channels;
    private final String typeId;
    private final int maxConflictRetries;
    private final SinkStatistics statistics;
    private final Object[] keyLocks = new Object[64];
    /** Test hook: runs after the entry was read and before it is updated. */
    private volatile Consumer<InventoryEntry> beforeUpdate = entry -> { };

    public InventoryWriter(final ProjectApiRoot api, final ChannelResolver channels, final String typeId,
                           final int maxConflictRetries, final SinkStatistics statistics) {
        this.api = Objects.requireNonNull(api, "api");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.typeId = Objects.requireNonNull(typeId, "typeId");
        if (maxConflictRetries < 0) {
            throw new IllegalArgumentException("maxConflictRetries must be >= 0");
        }
        this.maxConflictRetries = maxConflictRetries;
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        for (int i = 0; i < keyLocks.length; i++) {
            keyLocks[i] = new Object();
        }
    }

    /** Visible for tests: called with the entry just read, before the update that uses its version. */
    void beforeUpdate(final Consumer<InventoryEntry> hook) {
        this.beforeUpdate = hook == null ? entry -> { } : hook;
    }

    public SinkStatistics statistics() {
        return statistics;
    }

    /** {@code <channel_key>/<sku>@<source_version>}: the record key plus version, for logs and the integration log. */
    public static String correlationId(final InventoryLevel level) {
        return Keys.inventory(level.getChannelKey(), level.getSku()) + "@" + level.getSourceVersion();
    }

    /**
     * Applies the level and counts the outcome in the statistics.
     *
     * @throws SinkWriteException when it could not be applied (not counted: the caller decides whether it is retried)
     */
    public WriteOutcome apply(final InventoryLevel level) {
        final String key = Keys.inventory(level.getChannelKey(), level.getSku());
        synchronized (keyLocks[Math.floorMod(key.hashCode(), keyLocks.length)]) {
            return applyLocked(level);
        }
    }

    private WriteOutcome applyLocked(final InventoryLevel level) {
        final String correlationId = correlationId(level);
        try {
            final WriteOutcome outcome = doApply(level, correlationId);
            switch (outcome) {
                case CREATED -> statistics.incrementCreated();
                case UPDATED -> statistics.incrementUpdated();
                case UNCHANGED -> statistics.incrementUnchanged();
                case SKIPPED_STALE -> statistics.incrementSkippedStale();
                default -> throw new IllegalStateException(outcome.name());
            }
            return outcome;
        } catch (SinkWriteException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SinkWriteException(correlationId, "cannot apply inventory level: " + e.getMessage(), e);
        }
    }

    private WriteOutcome doApply(final InventoryLevel level, final String correlationId) {
        final String sku = level.getSku();
        final long sourceVersion = level.getSourceVersion();
        final long quantity = targetQuantity(level);
        final String channelId = channels.resolve(level.getChannelKey(), correlationId);

        ConcurrentModificationException lastConflict = null;
        for (int attempt = 1; attempt <= maxConflictRetries + 1; attempt++) {
            final List<InventoryEntry> entries = find(sku, channelId, correlationId, attempt);
            if (entries.isEmpty()) {
                try {
                    create(level, quantity, channelId, correlationId, attempt);
                    return WriteOutcome.CREATED;
                } catch (BadRequestException e) {
                    // The real API rejects a second entry for (SKU, channel): someone created it meanwhile.
                    if (!String.valueOf(e.getBody()).contains("DuplicateField") || attempt > maxConflictRetries) {
                        throw e;
                    }
                    statistics.incrementConflictRetries();
                    LOG.info("{}: entry was created concurrently; re-reading", correlationId);
                    continue;
                }
            }
            final InventoryEntry entry = pick(entries, correlationId);
            final Long current = storedSourceVersion(entry);
            if (current != null && current >= sourceVersion) {
                LOG.debug("{}: entry {} already at source version {}", correlationId, entry.getId(), current);
                return current == sourceVersion ? WriteOutcome.UNCHANGED : WriteOutcome.SKIPPED_STALE;
            }
            final List<InventoryEntryUpdateAction> actions = actions(entry, quantity, level, correlationId);
            if (actions.isEmpty()) {
                return WriteOutcome.UNCHANGED;
            }
            beforeUpdate.accept(entry);
            try {
                CommercetoolsClient.tag(api.inventory().withId(entry.getId())
                                .post(InventoryEntryUpdate.builder().version(entry.getVersion()).actions(actions).build()),
                        correlationId, attempt).executeBlocking();
                return WriteOutcome.UPDATED;
            } catch (ConcurrentModificationException e) {
                lastConflict = e;
                if (attempt <= maxConflictRetries) {
                    statistics.incrementConflictRetries();
                    LOG.info("{}: entry {} changed concurrently (409, version {} -> {}); re-reading, retry {}/{}",
                            correlationId, entry.getId(), entry.getVersion(), e.getCurrentVersion(), attempt, maxConflictRetries);
                }
            }
        }
        throw new SinkWriteException(correlationId, "still conflicting (409 ConcurrentModification) after "
                + maxConflictRetries + " retries", lastConflict);
    }

    /**
     * The quantity commercetools gets. Rule: a negative Vend quantity becomes 0 (see the class comment); all
     * other values pass unchanged.
     */
    private long targetQuantity(final InventoryLevel level) {
        final long quantity = level.getQuantity();
        if (quantity < 0) {
            statistics.incrementNegativeQuantitiesClamped();
            LOG.warn("SKU {} at channel {}: Vend quantity {} is negative; setting commercetools quantityOnStock to 0 (source version {})",
                    level.getSku(), level.getChannelKey(), quantity, level.getSourceVersion());
            return 0;
        }
        return quantity;
    }

    private List<InventoryEntry> find(final String sku, final String channelId, final String correlationId, final int attempt) {
        return CommercetoolsClient.tag(api.inventory().get()
                        .withWhere("sku = :sku and supplyChannel(id = :channelId)")
                        .withPredicateVar("sku", sku)
                        .withPredicateVar("channelId", channelId)
                        .withLimit(500), correlationId, attempt)
                .executeBlocking().getBody().getResults();
    }

    private void create(final InventoryLevel level, final long quantity, final String channelId, final String correlationId,
                        final int attempt) {
        final InventoryEntryDraft draft = InventoryEntryDraft.builder()
                .sku(level.getSku())
                .supplyChannel(ChannelResourceIdentifier.builder().id(channelId).build())
                .quantityOnStock(quantity)
                .custom(CustomFieldsDraft.builder()
                        .type(TypeResourceIdentifier.builder().id(typeId).build())
                        .fields(fields(level))
                        .build())
                .build();
        CommercetoolsClient.tag(api.inventory().post(draft), correlationId, attempt).executeBlocking();
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

    private List<InventoryEntryUpdateAction> actions(final InventoryEntry entry, final long quantity, final InventoryLevel level,
                                                     final String correlationId) {
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
            throw new SinkWriteException(correlationId, "inventory entry " + entry.getId() + " has the custom type "
                    + custom.getType().getId() + ", not '" + InventoryTypeEnsurer.TYPE_KEY + "' (" + typeId
                    + "); vendsync does not replace another application's custom fields", null);
        }
        return actions;
    }
}
