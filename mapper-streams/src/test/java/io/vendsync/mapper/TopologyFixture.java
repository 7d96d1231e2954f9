package io.vendsync.mapper;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.raw.VendSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

/**
 * A mapper topology in a {@link TopologyTestDriver}, built the way {@link MapperApp} builds it, with the plumbing every
 * topology test needs: input topics by name (raw Vend topics by entity), Vend 2.0 change envelopes, output topics, and
 * a clock that puts each piped record one second after the last. The per-topology drivers add Vend-shaped helpers on top.
 */
public final class TopologyFixture implements AutoCloseable {

    /** The Vend domain prefix the envelopes carry. */
    public static final String DOMAIN = "acme";
    /** The record timestamp before the first piped record. */
    public static final long START_MS = 1_700_000_000_000L;

    private final TopologyTestDriver driver;
    private final Topics topics;
    private final Map<String, TestInputTopic<String, ?>> inputs = new HashMap<>();
    private final TestOutputTopic<String, ValidationError> errors;
    private long clock = START_MS;

    /**
     * @param settings    mapper settings on top of the test's own (broker unused, topic prefix, state dir)
     * @param application the application id, null for the default
     */
    public TopologyFixture(final Path stateDir, final Topics topics, final Map<String, String> settings, final String application,
                           final MapperTopologies.BuildFunction topology) {
        this.topics = topics;
        final Map<String, String> all = new HashMap<>(settings);
        all.put(CommonConfig.BOOTSTRAP_SERVERS, "unused:9092");
        all.put(CommonConfig.TOPIC_PREFIX, topics.prefix());
        all.put(MapperConfig.STATE_DIR, stateDir.toString());
        if (application != null) {
            all.put(MapperConfig.APPLICATION_ID, application);
        }
        final MapperConfig config = new MapperConfig(all);
        // The app's own Streams settings, so the test also proves the topology meets them (e.g. explicit naming).
        final Properties props = config.streamsProperties();
        // In-memory DSL stores: these tests check the topology's logic, and with some thirty stores RocksDB's per-commit
        // flushes made them several times slower. RocksDB itself runs in the real-broker tests (cli) and the benchmark.
        props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        topology.build(builder, topics, config);
        driver = new TopologyTestDriver(builder.build(props), props);
        errors = output(topics.validationErrors);
    }

    /** A Vend change envelope as the ingest writes it ({@code source.ts_ms} = {@code tsMs}, domain {@value #DOMAIN}). */
    public static VendChange change(final Op op, final String entity, final String after, final long version, final long tsMs) {
        return VendChange.newBuilder().setBefore(null).setAfter(after).setOp(op)
                .setSource(VendSource.newBuilder().setConnector("vend").setDomainPrefix(DOMAIN).setEntity(entity)
                        .setVersion(version).setTsMs(tsMs).setTrigger("poll").setSnapshot(false).build())
                .setTsMs(tsMs + 5).build();
    }

    /** Pipes a raw change onto {@code raw.vend.<entity>}, one tick after the last record. */
    public void raw(final String entity, final String key, final VendChange change) {
        pipe(topics.raw(entity), key, change);
    }

    /** Pipes a value (null: a tombstone) onto an input topic, one tick after the last record. */
    @SuppressWarnings("unchecked")
    public <V> void pipe(final Topic<String, V> topic, final String key, final V value) {
        final TestInputTopic<String, V> input = (TestInputTopic<String, V>) inputs.computeIfAbsent(topic.name(),
                name -> driver.createInputTopic(name, topic.keySerde().serializer(), topic.valueSerde().serializer()));
        input.pipeInput(key, value, tick());
    }

    public <V> TestOutputTopic<String, V> output(final Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** The validation errors published since the last call. */
    public List<KeyValue<String, ValidationError>> errors() {
        return errors.readKeyValuesToList();
    }

    /** The timestamp of the last piped record. */
    public long clock() {
        return clock;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    private long tick() {
        clock += 1_000;
        return clock;
    }

    @Override
    public void close() {
        driver.close();
    }
}
