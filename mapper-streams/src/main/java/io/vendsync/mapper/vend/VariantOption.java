package io.vendsync.mapper.vend;

/** One entry of a Vend product's {@code variant_options}: the option name (e.g. "Size") and this variant's value ("L"). */
public record VariantOption(String name, String value) {
}
