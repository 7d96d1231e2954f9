package io.vendsync.mapper.vend;

/** A Vend 2.0 payment type: its name is the payment method; {@code typeId} is Vend's global type (e.g. 118 gift card). */
public record VendPaymentType(String id, String name, String typeId, boolean deleted, long version) {

    /** Vend's global type of cash (2.0 payments' {@code payment_type_id}, payment types' {@code type_id}). */
    public static final String CASH_TYPE_ID = "1";
}
