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

    private CatalogHandlers(final List<TopicHandler<?>> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static CatalogHandlers none() {
        return new CatalogHandlers(List.of());
    }

    public boolean isEmpty() {
        return handlers.isEmpty();
    }

    public List<TopicHandler<?>> handlers() {
        return handlers;
    }

    /** Collects (topic, writer) pairs; a topic registered twice is refused. */
    public static final class Builder {

        private final List<TopicHandler<?>> handlers = new ArrayList<>();

        private Builder() {
        }

        public <V> Builder add(final Topic<String, V> topic, final CanonicalWriter<V> writer) {
            if (handlers.stream().anyMatch(h -> h.topic().equals(topic.name()))) {
                throw new IllegalArgumentException("a catalog writer for " + topic.name() + " is already registered");
            }
            handlers.add(TopicHandler.of(topic, writer));
            return this;
        }

        public CatalogHandlers build() {
            return new CatalogHandlers(handlers);
        }
    }
}
