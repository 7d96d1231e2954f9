package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.schemas.canonical.v1.Customer;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Under {@code customer.email.duplicate.policy=oldest-owns} the customer mapping publishes only an email's owner and
 * lists the other live Vend customers with that email on it ({@code email_duplicate_keys}); no commercetools customer is
 * made for them, so their sales are the owner's customer's. Turns each owner's record (keyed by its customer key) into
 * one entry per duplicate's key -> {@link BuyerOwner}, and a tombstone for a key it no longer lists. An owner has several
 * duplicates, so a KTable {@code groupBy} (one key per row) cannot index them: the keys each owner listed last are kept.
 */
public final class BuyerOwners implements ProcessorSupplier<String, Customer, String, BuyerOwner> {

    /** The duplicate keys an owner listed last (JSON). */
    public record Listed(List<String> keys) {
        public Listed {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }

    private final String storeName;

    public BuyerOwners(final String storeName) {
        this.storeName = storeName;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(),
                new JsonSerde<>(Listed.class)));
    }

    @Override
    public Processor<String, Customer, String, BuyerOwner> get() {
        return new Processor<>() {
            private ProcessorContext<String, BuyerOwner> context;
            private KeyValueStore<String, Listed> listed;

            @Override
            public void init(final ProcessorContext<String, BuyerOwner> context) {
                this.context = context;
                this.listed = context.getStateStore(storeName);
            }

            @Override
            public void process(final Record<String, Customer> record) {
                final Customer owner = record.value();
                final List<String> now = owner == null || owner.getDeleted() ? List.of() : owner.getEmailDuplicateKeys();
                final Listed before = listed.get(record.key());
                for (final String key : before == null ? List.<String>of() : before.keys()) {
                    if (!now.contains(key)) {
                        context.forward(record.withKey(key).withValue(null));
                    }
                }
                final String email = owner == null || owner.getEmailPlaceholder() ? null : owner.getEmail();
                for (final String key : now) {
                    context.forward(record.withKey(key).withValue(new BuyerOwner(record.key(), email)));
                }
                if (now.isEmpty()) {
                    listed.delete(record.key());
                } else {
                    listed.put(record.key(), new Listed(now));
                }
            }
        };
    }
}
