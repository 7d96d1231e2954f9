package io.vendsync.mapper.vend;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.schemas.raw.VendChange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Vend 2.0 sales out of their raw envelopes. Numbers are accepted as JSON numbers or text; a sale missing what an
 * order cannot do without (outlet, status, totals, a line's product, quantity or totals) is refused as invalid.
 */
public final class VendSaleParser {

    private VendSaleParser() {
    }

    public static VendSale sale(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        if (json == null) {
            // Vend deletes a sale softly (deleted_at), listing it still: a delete without the sale says nothing to map.
            throw new InvalidPayloadException("a delete envelope without 'after' cannot be mapped: Vend lists a deleted sale with its deleted_at");
        }
        final String id = VendEnvelope.id(key, json);
        final List<VendSale.Item> lines = new ArrayList<>();
        for (final JsonNode item : VendEnvelope.array(json, "line_items")) {
            if ("VOIDED".equalsIgnoreCase(VendEnvelope.text(item, "status")) && !"VOIDED".equalsIgnoreCase(VendEnvelope.text(json, "status"))) {
                continue; // a line removed from a live sale
            }
            lines.add(new VendSale.Item(required(item, "id"), required(item, "product_id"), requiredDecimal(item, "quantity"),
                    requiredDecimal(item, "price"), zeroIfNull(VendEnvelope.decimal(item, "discount")),
                    requiredDecimal(item, "price_total", "total_price"), first(item, "discount_total", "total_discount"),
                    requiredDecimal(item, "tax_total", "total_tax"), VendEnvelope.text(item, "tax_id"), taxes(item, "tax_components", "total_tax"),
                    GiftCards.mask(VendEnvelope.trimmed(item, "gift_card_number"))));
        }
        final List<VendSale.Payment> payments = new ArrayList<>();
        int position = 0;
        for (final JsonNode payment : VendEnvelope.array(json, "payments")) {
            // The 2.0 Payment schema names no id (its examples carry one): a stable stand-in rather than refusing the sale.
            final String paymentId = VendEnvelope.text(payment, "id") != null ? VendEnvelope.text(payment, "id") : id + "-payment-" + position;
            position++;
            payments.add(new VendSale.Payment(paymentId, VendEnvelope.text(payment, "retailer_payment_type_id"),
                    VendEnvelope.text(payment, "name"), requiredDecimal(payment, "amount"), VendEnvelope.dateTime(payment, "payment_date")));
        }
        final List<VendSale.Adjustment> adjustments = new ArrayList<>();
        for (final JsonNode adjustment : VendEnvelope.array(json, "adjustments")) {
            final String type = VendEnvelope.text(adjustment, "type") != null ? VendEnvelope.text(adjustment, "type")
                    : VendEnvelope.text(adjustment, "adjustment_type");
            adjustments.add(new VendSale.Adjustment(type == null ? "ADJUSTMENT" : type.toUpperCase(Locale.ROOT),
                    VendEnvelope.text(adjustment, "name"), requiredDecimal(adjustment, "value"), taxes(adjustment, "tax_components", "total_tax")));
        }
        final List<String> attributes = new ArrayList<>();
        VendEnvelope.array(json, "attributes").forEach(a -> attributes.add(a.asText()));
        final Long saleDate = VendEnvelope.dateTime(json, "sale_date");
        return new VendSale(id, VendEnvelope.version(change, json), required(json, "outlet_id"), VendEnvelope.text(json, "register_id"),
                VendEnvelope.trimmed(json, "customer_id"), VendEnvelope.trimmed(json, "invoice_number"),
                VendSaleStatus.of(json), lower(VendEnvelope.text(json, "state")), attributes,
                VendEnvelope.trimmed(json, "note"), VendEnvelope.trimmed(json, "return_for"),
                saleDate == null ? change.getSource().getTsMs() : saleDate,
                requiredDecimal(json, "total_price"), requiredDecimal(json, "total_tax"), lines, payments,
                saleTaxes(json), adjustments, VendEnvelope.isDeleted(change, json));
    }

    /**
     * The sale's tax per rate. The 2.0 schema documents a {@code SaleTax} as {@code {name, rate, amount}}, without the
     * rate's id that Vend's examples carry ({@code {id, amount}}): a list in which no entry names its rate is left empty,
     * and the order takes its tax per rate from the lines' and adjustments' components (as for a return, whose
     * {@code taxes} Vend leaves empty). A list in which only some entries name their rate is refused.
     */
    private static List<VendSale.TaxAmount> saleTaxes(final JsonNode json) throws InvalidPayloadException {
        boolean anyNamed = false;
        boolean anyUnnamed = false;
        for (final JsonNode tax : VendEnvelope.array(json, "taxes")) {
            final boolean named = blankToNull(VendEnvelope.text(tax, "rate_id")) != null || blankToNull(VendEnvelope.text(tax, "id")) != null;
            anyNamed |= named;
            anyUnnamed |= !named;
        }
        return anyUnnamed && !anyNamed ? List.of() : taxes(json, "taxes", "amount");
    }

    private static List<VendSale.TaxAmount> taxes(final JsonNode json, final String field, final String amountField)
            throws InvalidPayloadException {
        final List<VendSale.TaxAmount> taxes = new ArrayList<>();
        for (final JsonNode tax : VendEnvelope.array(json, field)) {
            final String rateId = VendEnvelope.text(tax, "rate_id") != null ? VendEnvelope.text(tax, "rate_id") : VendEnvelope.text(tax, "id");
            if (rateId == null) {
                throw new InvalidPayloadException("an entry of '" + field + "' names no rate: " + tax);
            }
            taxes.add(new VendSale.TaxAmount(rateId, requiredDecimal(tax, amountField)));
        }
        return taxes;
    }

    private static String required(final JsonNode json, final String field) throws InvalidPayloadException {
        final String value = blankToNull(VendEnvelope.text(json, field));
        if (value == null) {
            throw new InvalidPayloadException("field '" + field + "' is missing");
        }
        return value;
    }

    /** The first of {@code fields} present (Vend 2.0 names several line totals twice, e.g. price_total and total_price). */
    private static BigDecimal requiredDecimal(final JsonNode json, final String... fields) throws InvalidPayloadException {
        final BigDecimal value = first(json, fields);
        if (value == null) {
            throw new InvalidPayloadException("field '" + fields[0] + "' is missing");
        }
        return value;
    }

    private static BigDecimal first(final JsonNode json, final String... fields) throws InvalidPayloadException {
        for (final String field : fields) {
            final BigDecimal value = VendEnvelope.decimal(json, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static BigDecimal zeroIfNull(final BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String lower(final String value) {
        return blankToNull(value) == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
