package io.vendsync.simulator;

import static io.vendsync.simulator.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sales as reference 5.9 documents them beyond one tax and line discounts: sale-level discounts and two tax rates. */
class SaleDiscountAndTaxesTest {

    private VendSimulator simulator;
    private ApiClient api;
    private String register;
    private String outlet;
    private String cash;

    @BeforeEach
    void start() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        simulator.seed(1, 2, 71L);
        simulator.seedStore(1, 1, 71L);
        api = new ApiClient(simulator);
        register = simulator.records("registers").get(0).path("id").asText();
        outlet = simulator.records("registers").get(0).path("outlet_id").asText();
        cash = simulator.records("payment_types").get(0).path("id").asText();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldRingASaleLevelDiscountAsANegativeLineOfTheRetailersDiscountProduct() {
        assertThat(json(api.get("/api/2.0/retailer")).path("data").path("discount_product_id").isNull()).isTrue();
        final String discount = simulator.addDiscountProduct();
        assertThat(json(api.get("/api/2.0/retailer")).path("data").path("discount_product_id").asText()).isEqualTo(discount);
        final Product product = simulator.products().get(0);

        final JsonNode sale = simulator.createSaleWithSaleDiscount(register, null, List.of(new SaleLine(product.id(), 2)),
                List.of(SalePayment.rest(cash)), new BigDecimal("1.00"));

        assertThat(sale.path("line_items")).hasSize(2);
        final JsonNode line = sale.path("line_items").get(1);
        assertThat(line.path("product_id").asText()).isEqualTo(discount);
        assertThat(line.path("quantity").decimalValue()).isEqualByComparingTo("1");
        assertThat(line.path("price_total").decimalValue()).isEqualByComparingTo("-1.00");
        assertThat(line.path("tax_total").decimalValue()).isEqualByComparingTo("-0.15");
        final BigDecimal goods = sale.path("line_items").get(0).path("price_total").decimalValue();
        assertThat(sale.path("total_price").decimalValue()).isEqualByComparingTo(goods.subtract(new BigDecimal("1.00")));
        assertThat(sale.path("total_tax").decimalValue()).isEqualByComparingTo(sale.path("line_items").get(0).path("tax_total")
                .decimalValue().add(line.path("tax_total").decimalValue()));
        assertThat(sale.path("payments").get(0).path("amount").decimalValue())
                .isEqualByComparingTo(sale.path("total_price").decimalValue().add(sale.path("total_tax").decimalValue()));
        assertThat(simulator.inventory()).noneMatch(r -> r.productId().equals(discount)); // a discount is no stock item
    }

    @Test
    void shouldRefuseASaleLevelDiscountWithoutTheRetailersDiscountProduct() {
        assertThatThrownBy(() -> simulator.createSaleWithSaleDiscount(register, null, List.of(new SaleLine(simulator.products().get(0).id(), 1)),
                List.of(SalePayment.rest(cash)), BigDecimal.ONE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldTaxEachLineAtItsProductsOutletTaxWithOneTaxAmountPerRate() {
        final String low = simulator.addTax("Low", new BigDecimal("0.05"));
        final String lowRate = simulator.records("taxes").stream().filter(t -> t.path("id").asText().equals(low)).findFirst()
                .orElseThrow().path("rates").get(0).path("id").asText();
        final Product standard = simulator.products().get(0);
        final Product reduced = simulator.products().get(1);
        simulator.setOutletTax(reduced.id(), outlet, low);

        final JsonNode sale = simulator.createSale(register, null, List.of(new SaleLine(standard.id(), 1), new SaleLine(reduced.id(), 2)),
                List.of(SalePayment.rest(cash)), "CLOSED");

        final JsonNode first = sale.path("line_items").get(0);
        final JsonNode second = sale.path("line_items").get(1);
        assertThat(second.path("tax_id").asText()).isEqualTo(low);
        assertThat(second.path("tax_components").get(0).path("rate_id").asText()).isEqualTo(lowRate);
        assertThat(second.path("tax_total").decimalValue()).isEqualByComparingTo(second.path("price_total").decimalValue()
                .multiply(new BigDecimal("0.05")).setScale(2, RoundingMode.HALF_UP));
        assertThat(first.path("tax_total").decimalValue()).isEqualByComparingTo(first.path("price_total").decimalValue()
                .multiply(new BigDecimal("0.15")).setScale(2, RoundingMode.HALF_UP));
        assertThat(first.path("tax_components").get(0).path("rate_id").asText()).isNotEqualTo(lowRate);
        assertThat(sale.path("taxes")).hasSize(2);
        assertThat(sale.path("taxes")).anySatisfy(t -> {
            assertThat(t.path("id").asText()).isEqualTo(lowRate);
            assertThat(t.path("amount").decimalValue()).isEqualByComparingTo(second.path("tax_total").decimalValue());
        });
        assertThat(sale.path("total_tax").decimalValue()).isEqualByComparingTo(first.path("tax_total").decimalValue()
                .add(second.path("tax_total").decimalValue()));
    }
}
