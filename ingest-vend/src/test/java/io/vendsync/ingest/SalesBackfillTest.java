package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.ingest.snapshot.SnapshotCommand;
import io.vendsync.simulator.SaleLine;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Issue 13: {@code vendsync snapshot --entity sales --since DATE} reads the sales of the period, found by Vend's search API. */
class SalesBackfillTest {

    @Test
    void shouldBackfillTheSalesSinceADateFromTheLowestVersionVendsSearchFindsForIt() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(1, 2, 61L);
            vend.seedStore(1, 1, 61L);
            final String register = vend.records("registers").get(0).path("id").asText();
            final String cash = vend.records("payment_types").get(0).path("id").asText();
            final String product = vend.products().get(0).id();
            final JsonNode older = vend.createSale(register, null, List.of(new SaleLine(product, 1)), cash);
            Thread.sleep(1_100);
            final Instant since = Instant.now();
            Thread.sleep(1_100);
            final JsonNode newer = vend.createSale(register, null, List.of(new SaleLine(product, 2)), cash);
            final JsonNode returned = vend.returnSale(newer.path("id").asText());

            final Map<String, String> settings = fx.settings(vend);
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final SnapshotCommand.Options options = SnapshotCommand.Options.parse(List.of("--entity", "sales", "--since", since.toString()));
            SnapshotCommand.run(new IngestConfig(settings), options.entities(), options.since(), new PrintStream(out, true, StandardCharsets.UTF_8));

            assertThat(out.toString(StandardCharsets.UTF_8)).contains("sales since " + since).contains("snapshot sales: done");
            final Set<String> read = fx.read(fx.topics.raw("sales")).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
            assertThat(read).contains(newer.path("id").asText(), returned.path("id").asText()).doesNotContain(older.path("id").asText());
        }
    }

    @Test
    void shouldRefuseSinceWithAnythingButSalesAlone() {
        assertThatThrownBy(() -> SnapshotCommand.Options.parse(List.of("--since", "2026-11-01"))).hasMessageContaining("--entity sales");
        assertThatThrownBy(() -> SnapshotCommand.Options.parse(List.of("--entity", "products", "--since", "2026-11-01")))
                .hasMessageContaining("sales only");
        assertThatThrownBy(() -> SnapshotCommand.Options.parse(List.of("--entity", "sales", "--since", "November")))
                .hasMessageContaining("takes a date");
        assertThat(SnapshotCommand.Options.parse(List.of("--entity", "sales", "--since", "2026-11-01")).since())
                .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }
}
