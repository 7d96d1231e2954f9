package io.vendsync.schemas.serde;

import org.apache.avro.specific.SpecificRecord;

/**
 * Makes the value serdes of every topic in one wire format: Confluent framing when a registry is
 * configured, Avro single-object encoding otherwise.
 */
public final class SerdeFactory {

    private final SchemaRegistryClient registry;

    private SerdeFactory(final SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** No registry: single-object encoding with the bundled schemas. */
    public static SerdeFactory singleObject() {
        return new SerdeFactory(null);
    }

    public static SerdeFactory confluent(final SchemaRegistryClient registry) {
        return new SerdeFactory(java.util.Objects.requireNonNull(registry, "registry"));
    }

    /**
     * @param registryUrl Confluent-REST registry base URL; null or blank selects single-object encoding
     * @param authorization Authorization header value for the registry, or null
     */
    public static SerdeFactory forRegistryUrl(final String registryUrl, final String authorization) {
        return registryUrl == null || registryUrl.isBlank()
                ? singleObject()
                : confluent(new ConfluentRestSchemaRegistryClient(registryUrl, authorization));
    }

    public WireFormat format() {
        return registry == null ? WireFormat.SINGLE_OBJECT : WireFormat.CONFLUENT;
    }

    public <T extends SpecificRecord> SpecificAvroSerde<T> avro(final Class<T> type) {
        return registry == null ? SpecificAvroSerde.singleObject(type) : SpecificAvroSerde.confluent(type, registry);
    }
}
