package io.vendsync.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vendsync.schemas.mapping.ProductResolution;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class SchemaHistoryTest {

    private static final Path AVRO = Path.of("src/main/avro");

    /** The first released ProductResolution: no kit, no bill of materials, no conflict texts, no claimants. */
    private static final String PRODUCT_RESOLUTION_V1 = SchemaHistory.lines(ProductResolution.getClassSchema().getFullName()).get(0);

    @Test
    void shouldRecordTheCurrentVersionOfEveryContractSchema() throws IOException {
        final List<String> missing = new ArrayList<>();
        for (final Schema schema : currentRecordSchemas()) {
            final String form = SchemaNormalization.toParsingForm(schema);
            if (!SchemaHistory.lines(schema.getFullName()).contains(form)) {
                missing.add("append to src/main/schema-history/" + schema.getFullName() + ".avsc-history:\n" + form);
            }
        }
        assertThat(missing).as("contract schemas changed without recording the new version").isEmpty();
    }

    @Test
    void shouldResolveEveryRecordedVersionAsWriterAgainstTheCurrentSchema() throws IOException {
        final List<String> incompatible = new ArrayList<>();
        for (final Schema current : currentRecordSchemas()) {
            for (final Schema old : SchemaHistory.of(current.getFullName())) {
                final SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current, old);
                if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                    incompatible.add(current.getFullName() + ": " + result.getDescription());
                }
            }
        }
        assertThat(incompatible).as("a recorded version the current schema cannot read: a breaking change needs a new topic").isEmpty();
    }

    @Test
    void shouldDecodeARecordWrittenBeforeFieldsWereAdded() {
        final byte[] bytes = writtenWithFirstVersion();
        final ProductResolution read = SpecificAvroSerde.singleObject(ProductResolution.class).deserializer().deserialize("t", bytes);
        assertThat(read.getProductId()).isEqualTo("p-1");
        assertThat(read.getSku()).isEqualTo("SKU-1");
        assertThat(read.getKit()).isNull();
        assertThat(read.getBillOfMaterials()).isEmpty();
        assertThat(read.getSkuClaimants()).isEmpty();
    }

    @Test
    void shouldNotDecodeAnOlderVersionWithoutItsHistory() {
        // What SpecificAvroSerde did before it loaded the history: proves the test above exercises it.
        final BinaryMessageDecoder<ProductResolution> bare = new BinaryMessageDecoder<>(
                SpecificData.getForClass(ProductResolution.class), ProductResolution.getClassSchema());
        assertThatThrownBy(() -> bare.decode(writtenWithFirstVersion())).isInstanceOf(MissingSchemaException.class);
    }

    private static byte[] writtenWithFirstVersion() {
        final Schema v1 = new Schema.Parser().parse(PRODUCT_RESOLUTION_V1);
        assertThat(v1.getField("kit")).as("the first version predates kits").isNull();
        final GenericRecord old = new GenericData.Record(v1);
        for (final Schema.Field field : v1.getFields()) {
            old.put(field.name(), switch (field.name()) {
                case "product_id" -> "p-1";
                case "sku" -> "SKU-1";
                case "sku_source" -> "VEND_SKU";
                case "version" -> 7L;
                case "deleted" -> false;
                case "has_inventory" -> true;
                case "candidates" -> List.of();
                default -> null;
            });
        }
        final ByteBuffer buffer;
        try {
            buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        final byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** The record schemas under src/main/avro, each parsed with the shared types in common/ as the build does. */
    private static List<Schema> currentRecordSchemas() throws IOException {
        final List<Schema> common = new ArrayList<>();
        try (Stream<Path> files = Files.list(AVRO.resolve("common"))) {
            for (final Path file : files.sorted().toList()) {
                common.add(new Schema.Parser().parse(file.toFile()));
            }
        }
        final List<Schema> records = new ArrayList<>();
        try (Stream<Path> files = Files.walk(AVRO)) {
            for (final Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                final Schema.Parser parser = new Schema.Parser();
                parser.addTypes(common);
                final Schema schema = parser.parse(file.toFile());
                if (schema.getType() == Schema.Type.RECORD) {
                    records.add(schema);
                }
            }
        }
        assertThat(records).as("contract record schemas found under " + AVRO.toAbsolutePath()).hasSizeGreaterThan(10);
        return records;
    }
}
