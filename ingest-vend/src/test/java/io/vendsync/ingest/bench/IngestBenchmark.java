package io.vendsync.ingest.bench;

import io.vendsync.ingest.IngestApp;
import io.vendsync.ingest.IngestConfig;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Not a test: how fast a snapshot moves simulator pages into a raw topic, and how many Vend requests it costs.
 * Prints records/s and requests per 1000 records for each page size. Arguments: [records] [page sizes...],
 * default 50000 inventory records at page sizes 10000 and 1000. Rate limits are lifted: this measures the
 * pipeline, not Vend's budget (which at 105 requests per 5 minutes would dominate any real snapshot).
 */
public final class IngestBenchmark {

    private static final int OUTLETS = 50;

    private IngestBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int records = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        final List<Integer> pageSizes = args.length > 1
                ? java.util.Arrays.stream(args, 1, args.length).map(Integer::valueOf).toList()
                : List.of(10_000, 1_000);
        final KafkaFixture kafka = KafkaFixture.shared();
        System.out.printf(Locale.ROOT, "Kafka: %s; %d inventory records (%d outlets x %d products)%n", kafka.kind(),
                records, OUTLETS, records / OUTLETS);
        for (final int pageSize : pageSizes) {
            run(kafka, records, pageSize);
        }
        System.exit(0);
    }

    private static void run(final KafkaFixture kafka, final int records, final int pageSize) throws Exception {
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults()
                .withRateLimitPerWindow(Integer.MAX_VALUE).withMaxPageSize(10_000))) {
            vend.seed(OUTLETS, records / OUTLETS, 7L);
            final String prefix = "bench" + UUID.randomUUID().toString().substring(0, 8) + ".";
            final Map<String, String> settings = new HashMap<>();
            settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            settings.put(CommonConfig.TOPIC_PREFIX, prefix);
            settings.put(IngestConfig.VEND_BASE_URL, vend.baseUrl());
            settings.put(IngestConfig.VEND_DOMAIN_PREFIX, vend.domainPrefix());
            settings.put(IngestConfig.VEND_TOKEN, vend.token());
            settings.put(IngestConfig.VEND_ENTITIES, "inventory");
            settings.put(IngestConfig.VEND_PAGE_SIZE, Integer.toString(pageSize));
            settings.put(IngestConfig.VEND_RATE_BUDGET, Integer.toString(1_000_000));
            settings.put(IngestConfig.VEND_POLL_INTERVAL_MS, "3600000");
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.INGEST_TRANSACTIONAL_ID, prefix + "ingest");
            final long started = System.nanoTime();
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                if (!ingest.scheduler().awaitIdle(Duration.ofMinutes(10))) {
                    throw new IllegalStateException("snapshot did not finish within 10 minutes");
                }
            }
            final double seconds = (System.nanoTime() - started) / 1e9;
            final String topic = new Topics(prefix, SerdeFactory.singleObject()).rawInventory.name();
            final int published = TopicProbe.readAll(kafka.bootstrapServers(), topic, new StringDeserializer(),
                    new ByteArrayDeserializer()).size();
            final long requests = vend.requestCount();
            System.out.printf(Locale.ROOT,
                    "page_size %5d: %d records published in %.2f s = %.0f records/s, %d requests = %.2f per 1000 records%n",
                    pageSize, published, seconds, published / seconds, requests, requests * 1000.0 / published);
        }
    }
}
