package io.vendsync.demo;

import io.vendsync.schemas.Topics;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.sink.SinkApp;
import io.vendsync.sink.SinkConfig;
import io.vendsync.testkit.kafka.TopicProbe;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
     * Whether the pipeline's retry loops have taken every record their tiers hold: a record the sink counted as processed
     * may still wait on a tier (a product whose tax category was not there yet), and its write would land in the replay.
     */
    private static boolean retriesDone(final String bootstrapServers, final Topics topics, final SinkConfig sink) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (final Map.Entry<String, String> loop : Map.of(sink.retryGroupId(), "retry.sink.inventory.",
                    sink.catalogRetryGroupId(), "retry.sink.catalog.").entrySet()) {
                final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(loop.getKey())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                final Set<String> tiers = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                        .filter(t -> t.startsWith(topics.prefix() + loop.getValue())).collect(Collectors.toSet());
                final Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                admin.describeTopics(tiers).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                        description.partitions().forEach(p -> ends.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                for (final var end : admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).entrySet()) {
                    final OffsetAndMetadata taken = committed.get(end.getKey());
                    if (end.getValue().offset() > (taken == null ? 0 : taken.offset())) {
                        return false;
                    }
                }
            }
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
            } else if (System.nanoTime() - sameSince >= Duration.ofSeconds(2).toNanos() && processed >= published
                    && retriesDone(bootstrapServers, topics, new SinkConfig(pipeline.sinkSettings()))) {
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
