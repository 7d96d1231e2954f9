package io.vendsync.sink;

import com.commercetools.api.client.ProjectApiRoot;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.TopicHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The writers of the sink's catalog loop, one per canonical topic (tax categories, products, prices, and any later
 * resource). The catalog loop subscribes only the topics registered here and does not start when none is. A writer is
 * usually a {@link io.vendsync.sink.write.WriterTemplate} over a resource's {@link io.vendsync.sink.write.ResourceWriter},
 * counting into {@link Builder#statistics(String)} of its entity.
 */
public final class CatalogHandlers {

    /** Creates the catalog writers once the commercetools client exists; see {@link SinkApp#catalogHandlers}. */
    @FunctionalInterface
    public interface Factory {
        CatalogHandlers create(ProjectApiRoot api, SinkConfig config, Topics topics);
    }

    private final List<TopicHandler<?>> handlers;
    private final SinkStatistics statistics;

    private CatalogHandlers(final List<TopicHandler<?>> handlers, final SinkStatistics statistics) {
        this.handlers = List.copyOf(handlers);
        this.statistics = statistics;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static CatalogHandlers none() {
        return new CatalogHandlers(List.of(), new SinkStatistics("catalog records"));
    }

    public boolean isEmpty() {
        return handlers.isEmpty();
    }

    public List<TopicHandler<?>> handlers() {
        return handlers;
    }

    /** The catalog loops' counters, shared with writers that count their own outcomes. */
    public SinkStatistics statistics() {
        return statistics;
    }

    /** Collects (topic, writer) pairs; a topic registered twice is refused. */
    public static final class Builder {

        private final List<TopicHandler<?>> handlers = new ArrayList<>();
        private final SinkStatistics statistics = new SinkStatistics("catalog records");

        private Builder() {
        }

        /** The counters of the catalog loops: the sum of their resources'. */
        public SinkStatistics statistics() {
            return statistics;
        }

        /** The counters of one resource of the catalog loops, e.g. {@code statistics("product")}; they add up in {@link #statistics()}. */
        public SinkStatistics statistics(final String entity) {
            return statistics.resource(entity);
        }

        /**
         * The topic's records go to {@code writer}. A {@link io.vendsync.sink.write.WriterTemplate} counts them in its
         * resource's statistics (make them with {@link #statistics(String)}); any other writer's outcomes the loop counts.
         */
        public <V> Builder add(final Topic<String, V> topic, final CanonicalWriter<V> writer) {
            return add(TopicHandler.of(topic, writer));
        }

        private Builder add(final TopicHandler<?> handler) {
            if (handlers.stream().anyMatch(h -> h.topic().equals(handler.topic()))) {
                throw new IllegalArgumentException("a catalog writer for " + handler.topic() + " is already registered");
            }
            handlers.add(handler);
            return this;
        }

        public CatalogHandlers build() {
            return new CatalogHandlers(handlers, statistics);
        }
    }
}
