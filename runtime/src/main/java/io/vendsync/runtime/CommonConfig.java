package io.vendsync.runtime;

import io.vendsync.schemas.Topics;
import io.vendsync.schemas.serde.SerdeFactory;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings every vendsync app has: where Kafka is, the topic name prefix, and the schema registry.
 * Each app's own config class adds its keys to {@link #define(ConfigDef)}'s result, so a key is declared
 * once, typed, with its default, validation and documentation.
 */
public final class CommonConfig {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String TOPIC_PARTITIONS = "topic.partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "topic.replication.factor";
    public static final String MANAGEMENT_HOST = "management.host";
    public static final String MANAGEMENT_PORT = "management.port";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String SCHEMA_REGISTRY_AUTHORIZATION = "schema.registry.authorization";
    public static final String INTEGRATION_LOG_MASK_FIELDS = "integration.log.mask.fields";
    public static final String INTEGRATION_LOG_BODY_MAX_BYTES = "integration.log.body.max.bytes";
    /** Any key under this prefix is passed to the Kafka clients with the prefix removed (e.g. kafka.client.security.protocol). */
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";

    private CommonConfig() {
    }

    public static ConfigDef define(final ConfigDef def) {
        return def
                .define(BOOTSTRAP_SERVERS, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        ConfigDef.Importance.HIGH, "Kafka bootstrap servers, host:port[,host:port].")
                .define(TOPIC_PREFIX, ConfigDef.Type.STRING, Topics.DEFAULT_PREFIX, ConfigDef.Importance.MEDIUM,
                        "Prefix of every vendsync topic name.")
                .define(TOPIC_PARTITIONS, ConfigDef.Type.INT, 3, ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW,
                        "Partitions of the topics vendsync creates when they are missing.")
                .define(TOPIC_REPLICATION_FACTOR, ConfigDef.Type.SHORT, (short) 1, ConfigDef.Range.atLeast(1),
                        ConfigDef.Importance.LOW, "Replication factor of the topics vendsync creates when they are missing (3 in production).")
                .define(MANAGEMENT_HOST, ConfigDef.Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), ConfigDef.Importance.LOW,
                        "Address the management endpoint (/health/live, /health/ready, /metrics) listens on.")
                .define(MANAGEMENT_PORT, ConfigDef.Type.INT, 8090, ConfigDef.Range.between(-1, 65_535), ConfigDef.Importance.MEDIUM,
                        "Port of the management endpoint: liveness and readiness for Kubernetes probes, Prometheus metrics "
                        + "at /metrics. -1: none; 0: any free port (logged).")
                .define(SCHEMA_REGISTRY_URL, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                        "Confluent-REST schema registry base URL. Empty: Avro single-object encoding with the bundled schemas.")
                .define(SCHEMA_REGISTRY_AUTHORIZATION, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW,
                        "Authorization header value for the schema registry (e.g. 'Basic ...'), if it needs one.")
                .define(INTEGRATION_LOG_BODY_MAX_BYTES, ConfigDef.Type.INT, 4_096, ConfigDef.Range.atLeast(0),
                        ConfigDef.Importance.LOW, "How many UTF-8 bytes of each request and response body the integration log "
                        + "keeps (cut on a character boundary; 0: none). OAuth token-endpoint bodies are never kept.")
                .define(INTEGRATION_LOG_MASK_FIELDS, ConfigDef.Type.LIST, DEFAULT_MASK_FIELDS, ConfigDef.Importance.MEDIUM,
                        "JSON field names (any depth, case-insensitive) whose values the integration log masks in request and "
                        + "response bodies; 'field@sibling' masks the field only in objects that also have the sibling field. The default masks the personal fields of Vend customers (2.0 and 1.0 webhook names) and "
                        + "commercetools customers and addresses, and vendsync's customer bookkeeping field; empty masks nothing. "
                        + "With any field set, bodies that are not JSON are withheld. Credentials are never logged either way.");
    }

    /** Personal fields of Vend and commercetools customers, masked in the integration log unless configured otherwise. */
    public static final String DEFAULT_MASK_FIELDS = String.join(",", java.util.List.of(
            // Vend customers (2.0, and 1.0 in webhooks)
            "email", "first_name", "last_name", "phone", "mobile", "fax", "twitter", "website", "date_of_birth", "note",
            "company_name", "physical_address_1", "physical_address_2", "physical_address1", "physical_address2",
            "physical_suburb", "physical_postcode", "postal_address_1", "postal_address_2", "postal_address1", "postal_address2",
            "postal_suburb", "postal_postcode", "customer_name", "contact_first_name", "contact_last_name",
            // a customer's deprecated full name; "name" alone would hide every product's and outlet's name too
            "name@customer_code",
            // commercetools customers, addresses and orders
            "firstName", "lastName", "middleName", "dateOfBirth", "companyName", "streetName", "streetNumber",
            "additionalStreetInfo", "additionalAddressInfo", "postalCode", "building", "apartment", "pOBox", "customerEmail",
            "password", "vendsyncLastWritten"));

    public static Topics topics(final AbstractConfig config) {
        final Password auth = config.getPassword(SCHEMA_REGISTRY_AUTHORIZATION);
        final SerdeFactory serdes = SerdeFactory.forRegistryUrl(config.getString(SCHEMA_REGISTRY_URL),
                auth == null ? null : auth.value());
        return new Topics(config.getString(TOPIC_PREFIX), serdes);
    }

    public static io.vendsync.runtime.logging.PayloadMasker payloadMasker(final AbstractConfig config) {
        return new io.vendsync.runtime.logging.PayloadMasker(config.getList(INTEGRATION_LOG_MASK_FIELDS));
    }

    /** Kafka client properties: bootstrap servers plus every {@code kafka.client.*} pass-through key. */
    public static Properties kafkaClientProperties(final AbstractConfig config) {
        final Properties props = new Properties();
        props.put("bootstrap.servers", config.getString(BOOTSTRAP_SERVERS));
        final Map<String, Object> passThrough = config.originalsWithPrefix(KAFKA_CLIENT_PREFIX);
        props.putAll(passThrough);
        return props;
    }
}
