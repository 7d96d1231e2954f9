package io.vendsync.ingest;

import io.vendsync.ingest.delta.CursorStore;
import io.vendsync.ingest.delta.DeltaReader;
import io.vendsync.ingest.delta.ListedRecords;
import io.vendsync.ingest.delta.Relister;
import io.vendsync.ingest.publish.OpsRecorder;
import io.vendsync.ingest.publish.RawPublisher;
import io.vendsync.ingest.vend.RateGovernor;
import io.vendsync.ingest.vend.VendApiClient;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Topics;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Properties;

/**
 * What reads one store into Kafka, built from the ingest settings: topics (created when missing), the Vend
 * connection with its rate budget, the cursors, the transactional publisher and the reader. Shared by the
 * ingest and the snapshot command, which differ only in their transactional id and what drives the reader.
 */
public final class IngestWiring implements AutoCloseable {

    private final String domainPrefix;
    private final Topics topics;
    private final VendConnection connection;
    private final CursorStore cursors;
    private final RawPublisher publisher;
    private final DeltaReader reader;
    private final Relister relister;

    private IngestWiring(final String domainPrefix, final Topics topics, final VendConnection connection,
                         final CursorStore cursors, final RawPublisher publisher, final DeltaReader reader,
                         final Relister relister) {
        this.relister = relister;
        this.domainPrefix = domainPrefix;
        this.topics = topics;
        this.connection = connection;
        this.cursors = cursors;
        this.publisher = publisher;
        this.reader = reader;
    }

    public static IngestWiring open(final IngestConfig config, final String transactionalId) throws InterruptedException {
        final Topics topics = CommonConfig.topics(config);
        final Properties kafka = CommonConfig.kafkaClientProperties(config);
        TopicProvisioner.ensure(kafka, topics, config.getInt(CommonConfig.TOPIC_PARTITIONS),
                config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR));
        TopicProvisioner.ensure(kafka, IngestTopics.of(topics).all(), config.getInt(CommonConfig.TOPIC_PARTITIONS),
                config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR));
        final String domainPrefix = config.getString(IngestConfig.VEND_DOMAIN_PREFIX);
        final Clock clock = Clock.systemUTC();
        final VendConnection connection = VendConnection.open(config, topics, kafka, clock);
        try {
            final CursorStore cursors = CursorStore.load(kafka, IngestTopics.of(topics).cursors);
            final ListedRecords listed = config.relistedEntities().isEmpty() ? ListedRecords.empty(domainPrefix)
                    : ListedRecords.load(kafka, IngestTopics.of(topics).listed, domainPrefix);
            final RawPublisher publisher = new RawPublisher(kafka, transactionalId, topics);
            final DeltaReader reader = new DeltaReader(connection.vend, publisher, cursors, topics, domainPrefix,
                    config.getInt(IngestConfig.VEND_PAGE_SIZE), config.getInt(IngestConfig.ERROR_BODY_MAX_BYTES),
                    config.getLong(IngestConfig.VEND_READ_OVERLAP_VERSIONS), CommonConfig.payloadMasker(config),
                    config.relistedEntities(), listed, clock);
            final Relister relister = new Relister(connection.vend, publisher, cursors, listed, topics, domainPrefix,
                    config.getInt(IngestConfig.VEND_PAGE_SIZE), clock);
            return new IngestWiring(domainPrefix, topics, connection, cursors, publisher, reader, relister);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    public String domainPrefix() {
        return domainPrefix;
    }

    public Topics topics() {
        return topics;
    }

    public Vertx vertx() {
        return connection.vertx;
    }

    public OpsRecorder ops() {
        return connection.ops;
    }

    public RateGovernor governor() {
        return connection.governor;
    }

    public VendApiClient vend() {
        return connection.vend;
    }

    public CursorStore cursors() {
        return cursors;
    }

    public DeltaReader reader() {
        return reader;
    }

    /** Lists the collections whose deletions Vend does not list ({@link IngestConfig#VEND_RELIST_ENTITIES}). */
    public Relister relister() {
        return relister;
    }

    @Override
    public void close() {
        publisher.close();
        connection.close();
    }
}
