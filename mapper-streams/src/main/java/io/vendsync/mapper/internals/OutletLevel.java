package io.vendsync.mapper.internals;

/** A product's Vend stock at one outlet, with the inventory record's version and origin. */
public record OutletLevel(long level, long version, long sourceTsMs, String domainPrefix) {
}
