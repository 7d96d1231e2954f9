package io.vendsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsignmentTest {
    private VendSimulator simulator;

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldMoveStockBetweenOutletsWhenATransferIsSentAndReceived() throws Exception {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        simulator.seed(2, 1, 7L);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            for (final String type : List.of("consignment.send", "consignment.receive")) {
                new ApiClient(simulator).postForm("/api/webhooks", "data",
                        "{\"url\":\"" + receiver.url("/hooks/" + type) + "\",\"active\":true,\"type\":\"" + type + "\"}");
            }
            final String product = simulator.products().get(0).id();
            final String from = simulator.outlets().get(0).id();
            final String to = simulator.outlets().get(1).id();
            final long fromBefore = level(product, from);
            final long toBefore = level(product, to);
            final JsonNode open = simulator.createConsignment("OUTLET", from, to, null, List.of(new SaleLine(product, 3)));
            assertThat(open.path("status").asText()).isEqualTo("OPEN");
            assertThat(level(product, from)).isEqualTo(fromBefore);

            final JsonNode sent = simulator.sendConsignment(open.path("id").asText());
            assertThat(sent.path("status").asText()).isEqualTo("SENT");
            assertThat(level(product, from)).isEqualTo(fromBefore - 3);
            assertThat(level(product, to)).isEqualTo(toBefore);

            final JsonNode received = simulator.receiveConsignment(open.path("id").asText());
            assertThat(received.path("status").asText()).isEqualTo("RECEIVED");
            assertThat(received.path("received_at").isNull()).isFalse();
            assertThat(received.path("version").asLong()).isGreaterThan(sent.path("version").asLong());
            assertThat(level(product, to)).isEqualTo(toBefore + 3);
            assertThatThrownBy(() -> simulator.sendConsignment(open.path("id").asText()))
                    .isInstanceOf(IllegalStateException.class);
            // Each step is announced by its own webhook type, the payload carrying the consignment's new state.
            final WebhookReceiver.Received send = receiver.next();
            final WebhookReceiver.Received receive = receiver.next();
            assertThat(List.of(send.path(), receive.path()))
                    .containsExactlyInAnyOrder("/hooks/consignment.send", "/hooks/consignment.receive");
            assertThat(List.of(send.form().get("payload"), receive.form().get("payload")))
                    .anySatisfy(p -> assertThat(p).contains("\"status\":\"SENT\""))
                    .anySatisfy(p -> assertThat(p).contains("\"status\":\"RECEIVED\""));
        }
    }

    private long level(final String product, final String outlet) {
        return simulator.inventory().stream().filter(r -> r.productId().equals(product) && r.outletId().equals(outlet))
                .findFirst().orElseThrow().inventoryLevel();
    }
}
