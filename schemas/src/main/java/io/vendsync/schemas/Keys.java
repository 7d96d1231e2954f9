package io.vendsync.schemas;

/** Key formats shared by producers and consumers of the contract topics. */
public final class Keys {

    private Keys() {
    }

    /** Key of a canonical inventory record: one per (supply channel, SKU). */
    public static String inventory(final String channelKey, final String sku) {
        return channelKey + '/' + sku;
    }

    /** Key of an ingest cursor: one per (store, Vend collection). */
    public static String cursor(final String domainPrefix, final String entity) {
        return domainPrefix + '/' + entity;
    }
}
