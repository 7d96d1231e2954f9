package io.vendsync.ingest;

import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.ops.IngestCursor;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The ingest's private topics, beside the public contract ({@link Topics}): no other app reads them. Same prefix and
 * wire format as the contract they are derived from.
 */
public final class IngestTopics {

    public final Topic<String, IngestCursor> cursors;

    private IngestTopics(final Topics topics) {
        cursors = new Topic<>(topics.prefix() + "ops.ingest-cursors", Serdes.String(), topics.serdes().avro(IngestCursor.class),
                Topic.CleanupPolicy.COMPACT, "Vend version cursor per '<domain_prefix>/<entity>'");
    }

    public static IngestTopics of(final Topics topics) {
        return new IngestTopics(topics);
    }

    public List<Topic<?, ?>> all() {
        return List.of(cursors);
    }
}
