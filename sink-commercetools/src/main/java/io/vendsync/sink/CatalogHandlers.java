package io.vendsync.sink;

import com.commercetools.api.client.ProjectApiRoot;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.TopicHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The writers of the sink's catalog loop, one per canonical catalog topic (tax categories, products, prices).
 * The catalog loop subscribes only the topics registered here and does not start when none is.
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

        /** The counters of the catalog loops, for writers that count their own outcomes ({@link #addSelfCounting}). */
        public SinkStatistics statistics() {
            return statistics;
        }

        /** A writer that only returns its outcome: the loop counts it. */
        public <V> Builder add(final Topic<String, V> topic, final CanonicalWriter<V> writer) {
            return add(TopicHandler.of(topic, writer));
        }

        /** A writer that counts its outcomes (and conflict retries) into {@link #statistics()} itself. */
        public <V> Builder addSelfCounting(final Topic<String, V> topic, final CanonicalWriter<V> writer) {
            return add(TopicHandler.selfCounting(topic, writer));
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
