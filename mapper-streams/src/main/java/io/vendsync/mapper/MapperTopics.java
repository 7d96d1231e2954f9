package io.vendsync.mapper;

import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** The mapper's private topics, beside the public contract ({@link Topics}): only the mapper and the dlq command use them. */
public final class MapperTopics {

    /** Kafka Streams' own dead-letter queue (KIP-1034): raw records the mapper cannot even decode, with __streams.errors.* headers. */
    public final Topic<byte[], byte[]> dlq;
    /**
     * The store's pricing context as the price mapper aggregates it (JSON, one key), read back by every price mapper task
     * as a global table: the context is small and every product is priced against it.
     */
    public final Topic<String, byte[]> pricingContext;
    /**
     * The store's live outlets and default tax as the product mapper aggregates them (JSON, one key), read back by every
     * product mapper task as a global table: they are few and every family's tax is decided against them.
     */
    public final Topic<String, byte[]> liveOutlets;

    private MapperTopics(final Topics topics) {
        dlq = new Topic<>(topics.prefix() + "dlq.mapper", Serdes.ByteArray(), Serdes.ByteArray(), Topic.CleanupPolicy.DELETE,
                "Raw records the mapper could not decode, original bytes plus Kafka Streams' __streams.errors.* headers");
        pricingContext = new Topic<>(topics.prefix() + "mapper.pricing-context", Serdes.String(), Serdes.ByteArray(),
                Topic.CleanupPolicy.COMPACT, "The price mapper's pricing context (outlets, taxes, price books, customer groups,"
                + " retailer, channel overrides) as JSON under one key, read back as a global table");
        liveOutlets = new Topic<>(topics.prefix() + "mapper.live-outlets", Serdes.String(), Serdes.ByteArray(),
                Topic.CleanupPolicy.COMPACT, "The product mapper's live outlets and the store's default tax as JSON under one key,"
                + " read back as a global table");
    }

    public static MapperTopics of(final Topics topics) {
        return new MapperTopics(topics);
    }

    public List<Topic<?, ?>> all() {
        return List.of(dlq, pricingContext, liveOutlets);
    }
}
