package io.vendsync.mapper;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Topics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

/** A mapper topology in a {@link TopologyTestDriver}, built the way {@link MapperApp} builds it. */
public final class TopologyDrivers {

    private TopologyDrivers() {
    }

    /**
     * @param settings    mapper settings on top of the test's own (broker unused, topic prefix, state dir)
     * @param application the application id, null for the default
     */
    public static TopologyTestDriver start(final Path stateDir, final Topics topics, final Map<String, String> settings,
                                           final String application, final MapperTopologies.BuildFunction topology) {
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
        return new TopologyTestDriver(builder.build(props), props);
    }
}
