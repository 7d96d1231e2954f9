package io.vendsync.sink.write;

import io.vendsync.sink.internals.WriteOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one commercetools resource type supplies to be written from its canonical records; the
 * {@link WriterTemplate} does the rest (per-key serialisation, the bounded 409 re-read-and-rebuild loop, outcome
 * counting, the correlation id, turning exceptions into {@link io.vendsync.sink.internals.SinkWriteException}s the
 * sink classifies). In the manner of commercetools-sync-java: find the current resource, create it when missing,
 * else a pure diff gives the update actions, and no request is sent when there are none.
 *
 * @param <V> the canonical record (e.g. {@code canonical.v1.InventoryLevel})
 * @param <R> the current state the diff reads: the commercetools resource, or a small record holding it and what
 *            was resolved with it (ids of referenced resources)
 * @param <A> the resource's update action type (e.g. {@code InventoryEntryUpdateAction})
 */
public interface ResourceWriter<V, R, A> {

    /** The entity, e.g. "inventory", "product": names the statistics, logs and the dead letters' {@code vendsync.entity}. */
    String entity();

    /** The record's key (as on its topic): records of one key are applied one at a time, in offset order. */
    String key(V record);

    /** The Vend source version of the record. */
    long sourceVersion(V record);

    /**
     * Whether a record states the whole desired state of its key, so that a newer record of the key makes an older one
     * needless (inventory levels, prices, products: true). Events that add something (orders, returns) must say
     * false: each of them has to be applied.
     */
    boolean absoluteState();

    /** The current state of the record's key; null when the resource does not exist. May resolve references (I/O). */
    R find(V record, Attempt attempt);

    /** Whether {@link #findAll} reads many keys in one request, so the sink reads a fetched batch's keys with it. */
    default boolean readsInBatches() {
        return false;
    }

    /**
     * The current state of many keys, in as few requests as the API allows (e.g. {@code sku in (...)}); a key without
     * a resource is absent from the map. The default asks {@link #find(Object, Attempt)} once per record.
     */
    default Map<String, R> findAll(final List<V> records, final Attempt attempt) {
        final Map<String, R> found = new HashMap<>();
        for (final V record : records) {
            final R current = find(record, attempt);
            if (current != null) {
                found.put(key(record), current);
            }
        }
        return found;
    }

    /**
     * Creates the resource from the record. A {@code DuplicateField} answer (someone created it meanwhile) makes the
     * template re-read and update instead. Throw a {@link io.vendsync.sink.internals.MissingReferenceException} when
     * the resource cannot exist yet (a price before its product): the record is retried later.
     */
    void create(V record, Attempt attempt);

    /**
     * {@link #create} and the state it made, as {@link #find} would read it, for the template to remember (see
     * {@link #afterUpdate}); null (the default) when the answer does not tell it: the key is then read next time.
     */
    default R createAndKnow(final V record, final Attempt attempt) {
        create(record, attempt);
        return null;
    }

    /**
     * The state after {@code actions} were applied to {@code current} and commercetools answered {@code newVersion},
     * exactly as far as {@link #diff}, {@link #appliedVersion} and {@link #version} look at it, so the template can
     * remember it and write the key's next record without reading it first (a 409 still re-reads). Null (the
     * default): not known without a read, nothing is remembered.
     */
    default R afterUpdate(final R current, final V record, final List<A> actions, final long newVersion) {
        return null;
    }

    /** Pure: the update actions that make {@code current} equal the record; empty when nothing differs. */
    List<A> diff(R current, V record);

    /** The resource version the first update request must carry. */
    long version(R current);

    /** Sends one update request of at most 500 actions at {@code version}; returns the resource's new version. */
    long update(R current, long version, List<A> actions, Attempt attempt);

    /**
     * The source version the resource itself records (inventory entries keep it in a custom field): at or above the
     * record's, the template writes nothing (unchanged, or stale when above). Empty when the resource keeps none; the
     * sink's applied-version marks then keep the order.
     */
    default OptionalLong appliedVersion(final R current) {
        return OptionalLong.empty();
    }

    /**
     * Whether a record whose resource does not exist creates it (true, the default). False for a record that only acts
     * on an existing resource (a deleted Vend family unpublishes its product, but never makes one): nothing is written.
     */
    default boolean createsWhenMissing(final V record) {
        return true;
    }

    /** Why the record writes nothing at all (e.g. a Vend return, which is no order of its own); null to apply it. */
    default String skipReason(final V record) {
        return null;
    }

    /** Checks (may read) just before the first update request, e.g. that a SKU to add is free; throw to refuse. */
    default void beforeUpdate(final R current, final V record, final List<A> actions, final Attempt attempt) {
    }

    /**
     * Runs after the record was applied (any outcome), under the key's lock, for work on other resources that the record
     * makes due (a new customer's orders get their buyer). It runs again when the record is retried, so it must be
     * idempotent; a throw fails the record like a failed write.
     */
    default void afterApply(final V record, final WriteOutcome outcome, final Attempt attempt) {
    }

    /** Names the record in logs, errors and the integration log: {@code <entity>:<key>@<source version>} by default. */
    default String correlationId(final V record) {
        return entity() + ":" + key(record) + "@" + sourceVersion(record);
    }
}
