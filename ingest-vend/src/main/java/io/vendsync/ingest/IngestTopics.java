package io.vendsync.ingest;

import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.ops.IngestCursor;
import io.vendsync.schemas.raw.VendChange;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The ingest's private topics, beside the public contract ({@link Topics}): no other app reads them. Same prefix and
 * wire format as the contract they are derived from.
 */
public final class IngestTopics {

    public final Topic<String, IngestCursor> cursors;
    /**
     * The last record published of each id of the collections Vend lists without their deleted records (see
     * {@code vend.relist.entities}), by {@code <domain_prefix>/<entity>/<id>}: what a later listing that misses an id
     * publishes as its deletion.
     */
    public final Topic<String, VendChange> listed;

    private IngestTopics(final Topics topics) {
        cursors = new Topic<>(topics.prefix() + "ops.ingest-cursors", Serdes.String(), topics.serdes().avro(IngestCursor.class),
                Topic.CleanupPolicy.COMPACT, "Vend version cursor per '<domain_prefix>/<entity>'");
        listed = new Topic<>(topics.prefix() + "ops.ingest-listed", Serdes.String(), topics.serdes().avro(VendChange.class),
                Topic.CleanupPolicy.COMPACT, "Last record per '<domain_prefix>/<entity>/<id>' of the collections listed "
                        + "whole to find deletions (vend.relist.entities)");
    }

    public static IngestTopics of(final Topics topics) {
        return new IngestTopics(topics);
    }

    public List<Topic<?, ?>> all() {
        return List.of(cursors, listed);
    }
}
