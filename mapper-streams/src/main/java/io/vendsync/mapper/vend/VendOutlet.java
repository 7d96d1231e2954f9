package io.vendsync.mapper.vend;

/** The fields of a Vend 2.0 outlet the channel mapping needs. */
public record VendOutlet(String id, String name, boolean deleted, long version) {
}
