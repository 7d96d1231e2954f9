package io.vendsync.mapper.vend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Vend's "States and attributes mapping" table (docs sales_states_and_attributes), row by row. */
class VendSaleStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{1} {2} is {0}")
    @CsvSource({
            "SAVED, parked, ''",
            "OPEN, pending, ''",
            "VOIDED, voided, ''",
            "CLOSED, closed, ''",
            "ONACCOUNT, pending, onaccount",
            "ONACCOUNT_CLOSED, closed, onaccount",
            "LAYBY, pending, layby",
            "LAYBY_CLOSED, closed, layby",
            "AWAITING_DISPATCH, pending, delivery",
            "DISPATCHED_CLOSED, closed, delivery",
            "AWAITING_PICKUP, pending, pickup",
            "PICKED_UP_CLOSED, closed, pickup",
            "SERVICE, pending, service",
            "SERVICE_CLOSED, closed, service",
            // The docs' combined examples: on-account with delivery, layby with pickup.
            "ONACCOUNT, pending, onaccount delivery",
            "LAYBY_CLOSED, closed, layby pickup"})
    void shouldDeriveTheLegacyStatusFromStateAndAttributesWhenTheSaleHasNoStatus(final String status, final String state,
                                                                                 final String attributes) throws Exception {
        final var sale = JSON.createObjectNode().put("id", "s").put("state", state);
        final var list = sale.putArray("attributes");
        for (final String attribute : attributes.split(" ")) {
            if (!attribute.isBlank()) {
                list.add(attribute);
            }
        }
        assertThat(VendSaleStatus.of(sale)).isEqualTo(status);
    }

    @Test
    void shouldPreferTheSalesOwnStatusUpperCased() throws Exception {
        assertThat(VendSaleStatus.of(json("{\"status\":\"layby_closed\",\"state\":\"closed\",\"attributes\":[\"layby\"]}")))
                .isEqualTo("LAYBY_CLOSED");
    }

    @Test
    void shouldRefuseASaleWithNeitherStatusNorAKnownState() {
        assertThatThrownBy(() -> VendSaleStatus.of(json("{\"id\":\"s\"}"))).isInstanceOf(InvalidPayloadException.class);
        assertThatThrownBy(() -> VendSaleStatus.of(json("{\"state\":\"teleported\"}"))).isInstanceOf(InvalidPayloadException.class);
    }

    private static JsonNode json(final String text) throws Exception {
        return JSON.readTree(text);
    }
}
