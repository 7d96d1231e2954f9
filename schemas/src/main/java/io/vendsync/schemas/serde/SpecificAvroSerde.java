package io.vendsync.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one generated Avro record class, in either wire format. {@code null} maps to
 * {@code null} both ways so tombstones pass through; every failure is a Kafka {@link SerializationException}.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private static final byte CONFLUENT_MAGIC = 0x0;

    private final Class<T> type;
    private final Schema schema;
    private final SpecificData model;
    private final WireFormat format;
    private final SchemaRegistryClient registry;
    private final BinaryMessageEncoder<T> singleObjectEncoder;
    private final BinaryMessageDecoder<T> singleObjectDecoder;

    private SpecificAvroSerde(final Class<T> type, final WireFormat format, final SchemaRegistryClient registry) {
        this.type = Objects.requireNonNull(type, "type");
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.format = Objects.requireNonNull(format, "format");
        this.registry = registry;
        if (format == WireFormat.CONFLUENT && registry == null) {
            throw new IllegalArgumentException("The Confluent wire format needs a schema registry client");
        }
        this.singleObjectEncoder = new BinaryMessageEncoder<>(model, schema);
        this.singleObjectDecoder = new BinaryMessageDecoder<>(model, schema);
        SchemaHistory.of(schema.getFullName()).forEach(singleObjectDecoder::addSchema);
    }

    /** Single-object encoding with the bundled schema; no registry involved. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> singleObject(final Class<T> type) {
        return new SpecificAvroSerde<>(type, WireFormat.SINGLE_OBJECT, null);
    }

    /** Confluent framing; schemas registered under the topic-name strategy subject {@code <topic>-value|key}. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> confluent(final Class<T> type, final SchemaRegistryClient registry) {
        return new SpecificAvroSerde<>(type, WireFormat.CONFLUENT, registry);
    }

    public WireFormat format() {
        return format;
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : serialize(topic, data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : deserialize(topic, bytes);
    }

    private byte[] serialize(final String topic, final T data) {
        try {
            if (format == WireFormat.SINGLE_OBJECT) {
                final ByteBuffer buffer = singleObjectEncoder.encode(data);
                final byte[] out = new byte[buffer.remaining()];
                buffer.get(out);
                return out;
            }
            final int id = registry.register(topic + "-value", schema);
            final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(CONFLUENT_MAGIC);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<T>(schema, model).write(data, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + type.getSimpleName() + " for topic " + topic, e);
        }
    }

    private T deserialize(final String topic, final byte[] bytes) {
        try {
            if (format == WireFormat.SINGLE_OBJECT) {
                return singleObjectDecoder.decode(bytes);
            }
            if (bytes.length < 5 || bytes[0] != CONFLUENT_MAGIC) {
                throw new SerializationException("Not Confluent-framed Avro (no magic byte 0) on topic " + topic);
            }
            final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
            final Schema writer = registry.schemaById(id);
            final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
            return new SpecificDatumReader<T>(writer, schema, model).read(null, decoder);
        } catch (SerializationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot deserialize " + type.getSimpleName() + " from topic " + topic, e);
        }
    }
}
