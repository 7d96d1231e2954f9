package io.vendsync.demo;

import io.vendsync.schemas.Topics;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.sink.SinkApp;
import io.vendsync.sink.SinkConfig;
import io.vendsync.testkit.kafka.TopicProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A second sink under a new consumer group reads every canonical topic from the start, against a project the pipeline
 * has already brought in line: the commercetools writes it sends are what a replay would wrongly write again.
 */
public final class FullReplay {

    private FullReplay() {
    }

    /** The commercetools writes (not reads, not token requests) the replay sent; empty when replays are idempotent. */
    public static List<IntegrationLogEntry> writes(final String bootstrapServers, final Topics topics, final LocalPipeline pipeline,
                                                   final String group, final Duration timeout) throws InterruptedException {
        final long canonical = settled(bootstrapServers, topics, pipeline, timeout);
        final long since = System.currentTimeMillis();
        final Map<String, String> settings = new HashMap<>(pipeline.sinkSettings());
        settings.put(SinkConfig.SINK_GROUP_ID, group);
        try (SinkApp.Handle replay = SinkApp.start(new SinkConfig(settings))) {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (replay.statistics().processed() + replay.catalogStatistics().map(s -> s.processed()).orElse(0L) < canonical) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the replay did not process the " + canonical + " canonical records within " + timeout);
                }
                Thread.sleep(250);
            }
        }
        return TopicProbe.readAll(bootstrapServers, topics.integrationLog.name(), new StringDeserializer(),
                        topics.integrationLog.valueSerde().deserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(e -> "commercetools".equals(e.getSystem()) && e.getTsMs() >= since)
                .filter(e -> !"GET".equals(e.getMethod()) && !"HEAD".equals(e.getMethod()))
                .filter(e -> !e.getUrl().contains("/oauth/token"))
                .toList();
    }

    /**
     * The canonical records once the pipeline has brought the project in line: the mappers published nothing for two
     * seconds and the pipeline's own sink has processed as many records. Inventory can converge before the catalog does
     * (a cold start's families and prices are decided once their backlog is read), so a replay started earlier would
     * create what the pipeline was about to.
     */
    private static long settled(final String bootstrapServers, final Topics topics, final LocalPipeline pipeline,
                                final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        long sameSince = System.nanoTime();
        while (true) {
            final long published = Stream.of(topics.canonicalInventory, topics.canonicalProducts, topics.canonicalPrices,
                            topics.canonicalTaxCategories, topics.canonicalCustomers, topics.canonicalOrders)
                    .mapToLong(topic -> TopicProbe.readAll(bootstrapServers, topic.name(), new StringDeserializer(),
                            new StringDeserializer()).size())
                    .sum();
            final long processed = pipeline.sink().statistics().processed()
                    + pipeline.sink().catalogStatistics().map(s -> s.processed()).orElse(0L);
            if (published != last) {
                last = published;
                sameSince = System.nanoTime();
            } else if (System.nanoTime() - sameSince >= Duration.ofSeconds(2).toNanos() && processed >= published) {
                return published;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the pipeline did not settle within " + timeout + ": " + published + " canonical records, "
                        + processed + " processed by its sink");
            }
            Thread.sleep(250);
        }
    }
}
