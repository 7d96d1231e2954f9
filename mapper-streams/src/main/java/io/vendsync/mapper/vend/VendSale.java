package io.vendsync.mapper.vend;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of a Vend 2.0 sale (reference 5.9) an order needs, amounts as Vend's decimals (tax-exclusive, tax apart).
 * {@code lines} are the line items Vend still counts (status not VOIDED). A line with a {@code giftCardNumber} sells a gift card;
 * the number is masked as it is read ({@link GiftCards#mask}), so state stores, repartition topics and the payloads of
 * validation errors never hold it in clear. {@code deleted}: Vend lists the sale with a {@code deleted_at} (a store's sales
 * wiped in the back office); it is no sale any more, whatever its status says. It is left out of the stored JSON while
 * false, so a live sale's bytes are what they were before the field existed: the foreign-key joins of the orders
 * topology compare a hash of the stored sale, and a changed encoding would drop their answers for every stored sale.
 */
public record VendSale(String id, long version, String outletId, String registerId, String customerId, String invoiceNumber,
                       String status, String state, List<String> attributes, String note, String returnFor, long saleDateMs,
                       BigDecimal totalPrice, BigDecimal totalTax, List<Item> lines, List<Payment> payments,
                       List<TaxAmount> taxes, List<Adjustment> adjustments,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean deleted) {

    /**
     * A line item: {@code price} is the unit price after the line discount and {@code discount} the discount per unit,
     * both excluding tax; {@code priceTotal} and {@code taxTotal} are Vend's line totals.
     */
    public record Item(String id, String productId, BigDecimal quantity, BigDecimal price, BigDecimal discount,
                       BigDecimal priceTotal, BigDecimal discountTotal, BigDecimal taxTotal, String taxId,
                       List<TaxAmount> taxComponents, String giftCardNumber) {
    }

    /** A payment: positive, or negative for a refund. */
    public record Payment(String id, String paymentTypeId, String name, BigDecimal amount, Long paidAtMs) {
    }

    /** Tax of one Vend rate ({@code taxes[]} of the sale, {@code tax_components[]} of a line or adjustment). */
    public record TaxAmount(String rateId, BigDecimal amount) {
    }

    /** A sale adjustment (tip, surcharge, fee, discount): {@code value} excludes tax. */
    public record Adjustment(String type, String name, BigDecimal value, List<TaxAmount> taxComponents) {

        /** Lightspeed eCom's checkout charge type, which Vend leaves out of the sale's totals and taxes. */
        public static final String ECOM_CUSTOM_CHARGE = "ECOM_CUSTOM_CHARGE";

        public boolean isEcomCustomCharge() {
            return ECOM_CUSTOM_CHARGE.equals(type);
        }
    }

    /** The distinct products of the lines, in line order. */
    public Set<String> productIds() {
        final Set<String> ids = new LinkedHashSet<>();
        lines.forEach(line -> ids.add(line.productId()));
        return ids;
    }
}
