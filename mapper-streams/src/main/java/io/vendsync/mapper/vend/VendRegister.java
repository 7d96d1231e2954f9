package io.vendsync.mapper.vend;

/** A Vend 2.0 register (its open/close times are left out: they change daily and nothing the mapper makes needs them). */
public record VendRegister(String id, String name, String outletId, boolean deleted, long version) {
}
