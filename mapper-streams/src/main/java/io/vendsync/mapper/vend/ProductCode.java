package io.vendsync.mapper.vend;

/** One entry of a Vend product's {@code product_codes}: {@code type} (CUSTOM, EAN, UPC, ...) and {@code code}, as given. */
public record ProductCode(String type, String code) {
}
