package io.vendsync.cli.mapping;

import io.vendsync.mapper.overrides.OverrideCsvImporter;
import io.vendsync.mapper.overrides.OverrideImport;
import io.vendsync.schemas.mapping.CustomerLink;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductSkuOverride;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes the explicit mappings of one CSV file to their compacted topic: product SKU overrides or
 * outlet channel overrides, whichever the header names. Nothing is sent unless every line is valid.
 * Records are serialized here with the topic's own serdes, so the producer only moves bytes.
 */
public final class MappingImport {

    private final Topics topics;
    private final OverrideCsvImporter importer;
    private final PrintStream out;
    private final PrintStream err;

    public MappingImport(final Topics topics, final OverrideCsvImporter importer, final PrintStream out, final PrintStream err) {
        this.topics = topics;
        this.importer = importer;
        this.out = out;
        this.err = err;
    }

    /** Reads and validates {@code csv}; the import, valid or not, after reporting its errors on {@code err}. */
    public OverrideImport validate(final String source, final Reader csv) throws IOException {
        final OverrideImport result = importer.read(source, csv);
        if (!result.isValid()) {
            result.errors().forEach(error -> err.println(source + ": " + error));
            err.println(source + ": " + result.errors().size() + " bad line(s); nothing published");
        }
        return result;
    }

    /**
     * Sends a valid import and waits for every acknowledgement. On a send failure the records already sent
     * stay; running the same file again is safe, since a record per key on a compacted topic is idempotent.
     *
     * @return the number of records published
     */
    public int publish(final OverrideImport valid, final Producer<byte[], byte[]> producer)
            throws InterruptedException, ExecutionException {
        if (!valid.isValid()) {
            throw new IllegalArgumentException("refusing to publish an import with errors: " + valid.errors());
        }
        final List<Future<RecordMetadata>> acks = new ArrayList<>();
        final String topicName;
        if (valid.kind() == OverrideImport.Kind.PRODUCT_SKU) {
            topicName = topics.productSkuOverrides.name();
            for (final ProductSkuOverride override : valid.productSkus()) {
                acks.add(producer.send(record(topics.productSkuOverrides, override.getProductId(), override)));
            }
        } else if (valid.kind() == OverrideImport.Kind.CUSTOMER_LINK) {
            topicName = topics.customerLinkOverrides.name();
            for (final CustomerLink link : valid.customerLinks()) {
                acks.add(producer.send(record(topics.customerLinkOverrides, link.getCustomerId(), link)));
            }
        } else {
            topicName = topics.outletChannelOverrides.name();
            for (final OutletChannel mapping : valid.outletChannels()) {
                acks.add(producer.send(record(topics.outletChannelOverrides, mapping.getOutletId(), mapping)));
            }
        }
        producer.flush();
        for (final Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        out.println("Published " + acks.size() + " " + describe(valid.kind()) + " to " + topicName);
        return acks.size();
    }

    static String describe(final OverrideImport.Kind kind) {
        return switch (kind) {
            case PRODUCT_SKU -> "product SKU override(s)";
            case OUTLET_CHANNEL -> "outlet channel override(s)";
            case CUSTOMER_LINK -> "customer link(s)";
        };
    }

    private static <V> ProducerRecord<byte[], byte[]> record(final Topic<String, V> topic, final String key, final V value) {
        return new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value));
    }
}
