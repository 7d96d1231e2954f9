package io.vendsync.cli.topics;

import io.vendsync.ingest.IngestTopics;
import io.vendsync.mapper.MapperTopics;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.sink.SinkTopics;
import java.util.ArrayList;
import java.util.List;

/** Every topic vendsync needs: the public contract ({@link Topics}) and each app's private topics. */
final class EveryTopic {

    private EveryTopic() {
    }

    static List<Topic<?, ?>> of(final Topics topics) {
        final List<Topic<?, ?>> all = new ArrayList<>(topics.all());
        all.addAll(IngestTopics.of(topics).all());
        all.addAll(MapperTopics.of(topics).all());
        all.addAll(SinkTopics.of(topics).all());
        return List.copyOf(all);
    }
}
