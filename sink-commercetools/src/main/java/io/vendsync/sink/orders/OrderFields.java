package io.vendsync.sink.orders;

import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.type.CustomFieldBooleanType;
import com.commercetools.api.models.type.CustomFieldNumberType;
import com.commercetools.api.models.type.CustomFieldStringType;
import com.commercetools.api.models.type.FieldDefinition;
import com.commercetools.api.models.type.FieldType;
import com.commercetools.api.models.type.ResourceTypeId;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.sink.internals.CustomTypeEnsurer;
import com.commercetools.api.client.ProjectApiRoot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The custom Type on every order vendsync imports: the Vend sale it is (id, version, status, invoice number), where it
 * was sold (outlet, channel, register) and whether the outlet showed tax-inclusive prices, so an analyst can join store
 * and online sales, and the sink can tell a replay ({@value #SOURCE_VERSION} at or above the record's) from news.
 */
public final class OrderFields {

    public static final String TYPE_KEY = "vendsync-order";
    public static final String SALE_ID = "vendSaleId";
    public static final String SOURCE_VERSION = "vendSourceVersion";
    public static final String STATUS = "vendStatus";
    public static final String INVOICE_NUMBER = "vendInvoiceNumber";
    public static final String OUTLET_ID = "vendOutletId";
    public static final String CHANNEL_KEY = "vendChannelKey";
    public static final String REGISTER_ID = "vendRegisterId";
    public static final String REGISTER_NAME = "vendRegisterName";
    public static final String CUSTOMER_ID = "vendCustomerId";
    public static final String TAX_INCLUDED = "vendTaxIncluded";
    /** On the order of an exchange's new items: the Vend sale the exchange returned items of. */
    public static final String EXCHANGE_FOR = "vendExchangeFor";
    /** The sale's note as the cashier wrote it (e.g. "gift wrap"); follows edits in Vend. */
    public static final String NOTE = "vendNote";
    /** Why vendsync cancelled the order: set only on a Cancelled order. */
    public static final String CANCEL_REASON = "vendCancelReason";

    private OrderFields() {
    }

    /** Creates the Type, or adds missing fields to it; returns its id. */
    public static String ensureType(final ProjectApiRoot api) {
        return new CustomTypeEnsurer(api, TYPE_KEY, "vendsync order", "The Vend sale an order was imported from; written by vendsync.",
                ResourceTypeId.ORDER, definitions()).ensure();
    }

    /** The field values for {@code record}; nulls left out. */
    static Map<String, Object> values(final Order record) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put(SALE_ID, record.getSaleId());
        values.put(SOURCE_VERSION, record.getSourceVersion());
        values.put(STATUS, record.getVendStatus());
        values.put(INVOICE_NUMBER, record.getInvoiceNumber());
        values.put(OUTLET_ID, record.getOutletId());
        values.put(CHANNEL_KEY, record.getChannelKey());
        values.put(REGISTER_ID, record.getRegisterId());
        values.put(REGISTER_NAME, record.getRegisterName());
        values.put(CUSTOMER_ID, record.getCustomerId());
        values.put(TAX_INCLUDED, record.getTaxIncluded());
        values.put(EXCHANGE_FOR, record.getExchangeFor());
        values.put(NOTE, record.getNote() == null || record.getNote().isBlank() ? null : record.getNote());
        if ("Cancelled".equals(record.getOrderState())) {
            values.put(CANCEL_REASON, deletedNotVoided(record)
                    ? "Deleted in Vend: sale " + record.getSaleId() + " (" + record.getVendStatus() + ") is deleted since its version "
                            + record.getSourceVersion() + " (its payments stay as recorded: a deletion does not say the money went back)"
                    : "Voided in Vend: sale " + record.getSaleId() + " is " + record.getVendStatus() + " since its version "
                            + record.getSourceVersion() + " (Vend returned its stock and deleted its payments)");
        }
        values.values().removeIf(java.util.Objects::isNull);
        return values;
    }

    /**
     * Whether the record cancels because Vend deleted the sale rather than voided it. A sale voided and then deleted
     * was voided: its money went back, whatever came after.
     */
    static boolean deletedNotVoided(final Order record) {
        return record.getVendDeleted() && !"VOIDED".equals(record.getVendStatus());
    }

    /** Whether vendsync writes the field (the type is vendsync's, but a merchant may have added fields of their own). */
    static boolean owned(final String name) {
        return definitions().stream().anyMatch(d -> d.getName().equals(name));
    }

    private static List<FieldDefinition> definitions() {
        return List.of(field(SALE_ID, "Vend sale id", CustomFieldStringType.of()),
                field(SOURCE_VERSION, "Vend sale version", CustomFieldNumberType.of()),
                field(STATUS, "Vend sale status", CustomFieldStringType.of()),
                field(INVOICE_NUMBER, "Vend invoice number", CustomFieldStringType.of()),
                field(OUTLET_ID, "Vend outlet id", CustomFieldStringType.of()),
                field(CHANNEL_KEY, "Outlet channel key", CustomFieldStringType.of()),
                field(REGISTER_ID, "Vend register id", CustomFieldStringType.of()),
                field(REGISTER_NAME, "Vend register", CustomFieldStringType.of()),
                field(CUSTOMER_ID, "Vend customer id", CustomFieldStringType.of()),
                field(TAX_INCLUDED, "Outlet shows tax-inclusive prices", CustomFieldBooleanType.of()),
                field(CANCEL_REASON, "Why vendsync cancelled the order", CustomFieldStringType.of()),
                field(EXCHANGE_FOR, "Vend sale this exchange returned items of", CustomFieldStringType.of()),
                field(NOTE, "Vend sale note", CustomFieldStringType.of()));
    }

    private static FieldDefinition field(final String name, final String label, final FieldType type) {
        return FieldDefinition.builder().name(name).type(type).required(false).label(LocalizedString.ofEnglish(label)).build();
    }
}
