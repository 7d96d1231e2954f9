package io.vendsync.cli.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.Topics;
import io.vendsync.schemas.mapping.MappingOrigin;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductSkuOverride;
import io.vendsync.schemas.serde.SerdeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingCommandTest {

    private static final Topics TOPICS = new Topics("test.cli.", SerdeFactory.singleObject());
    private static final Map<String, String> ENV = Map.of(
            "VENDSYNC_KAFKA_BOOTSTRAP_SERVERS", "unused:9092", "VENDSYNC_TOPIC_PREFIX", TOPICS.prefix());

    @TempDir
    Path dir;

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private int producersOpened;

    private int run(final String... args) {
        return MappingCommand.run(List.of(args), ENV, config -> {
            producersOpened++;
            return producer;
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String csv(final String content) throws IOException {
        final Path file = dir.resolve("mappings.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file.toString();
    }

    @Test
    void shouldPublishProductSkuOverridesKeyedByProductId() throws IOException {
        final int exit = run("import", csv("vend_product_id,commercetools_sku\np-1,CT-1\np-2,CT-2\n"));

        assertThat(exit).isZero();
        assertThat(producer.history()).hasSize(2).allSatisfy(record ->
                assertThat(record.topic()).isEqualTo(TOPICS.productSkuOverrides.name()));
        final var first = producer.history().get(0);
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("p-1");
        final ProductSkuOverride value = TOPICS.productSkuOverrides.valueSerde().deserializer()
                .deserialize(first.topic(), first.value());
        assertThat(value.getSku()).isEqualTo("CT-1");
        assertThat(value.getOrigin()).isEqualTo("csv:mappings.csv line 2");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Published 2 product SKU override(s)");
    }

    @Test
    void shouldPublishOutletChannelOverridesToTheExistingTopic() throws IOException {
        assertThat(run("import", csv("vend_outlet_id,channel_key\no-1,main-street\n"))).isZero();

        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(TOPICS.outletChannelOverrides.name());
            final OutletChannel value = TOPICS.outletChannelOverrides.valueSerde().deserializer()
                    .deserialize(record.topic(), record.value());
            assertThat(value.getChannelKey()).isEqualTo("main-street");
            assertThat(value.getOrigin()).isEqualTo(MappingOrigin.EXPLICIT);
        });
    }

    @Test
    void shouldPublishNothingAndListEveryBadLineWhenAnyLineIsBad() throws IOException {
        final int exit = run("import", csv("vend_product_id,commercetools_sku\np-1,CT-1\np-2,\np-3,CT 3\n"));

        assertThat(exit).isEqualTo(1);
        assertThat(producersOpened).isZero();
        assertThat(producer.history()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("mappings.csv: line 3: commercetools_sku is empty")
                .contains("mappings.csv: line 4: commercetools_sku 'CT 3' has whitespace")
                .contains("2 bad line(s); nothing published");
    }

    @Test
    void shouldOnlyValidateOnDryRun() throws IOException {
        assertThat(run("import", csv("vend_product_id,commercetools_sku\np-1,CT-1\n"), "--dry-run")).isZero();

        assertThat(producersOpened).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 valid product SKU override(s); dry run");
    }

    @Test
    void shouldCheckWithTheMapperSettingsOfTheConfigFile() throws IOException {
        final Path settings = dir.resolve("mapper.properties");
        Files.writeString(settings, "sku.case=upper\n", StandardCharsets.UTF_8);
        final String file = csv("vend_product_id,commercetools_sku\np-1,ct-1\np-2,CT-1\n");

        assertThat(run("import", file, "--dry-run")).isZero(); // preserve: two different SKUs
        assertThat(run("import", file, "--config", settings.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3: commercetools_sku 'CT-1' is also given on line 2");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldRefuseUnknownSubcommandOrOption() throws IOException {
        assertThat(run("export", "x.csv")).isEqualTo(2);
        assertThat(run("import")).isEqualTo(2);
        assertThat(run("import", csv("vend_outlet_id,channel_key\no-1,k1\n"), "--force")).isEqualTo(2);
        assertThat(producersOpened).isZero();
    }
}
