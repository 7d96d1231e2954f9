package io.vendsync.sink.customers;

import java.util.EnumMap;
import java.util.Map;

/** The owner of each {@link CustomerField}; a field not named is Vend's. */
public final class FieldOwnership {

    private final Map<CustomerField, Owner> owners;

    public FieldOwnership(final Map<CustomerField, Owner> owners) {
        final EnumMap<CustomerField, Owner> all = new EnumMap<>(CustomerField.class);
        for (final CustomerField field : CustomerField.values()) {
            all.put(field, owners.getOrDefault(field, Owner.VEND));
        }
        this.owners = all;
    }

    public static FieldOwnership allVend() {
        return new FieldOwnership(Map.of());
    }

    public Owner of(final CustomerField field) {
        return owners.get(field);
    }

    public Owner ofPath(final String path) {
        return of(CustomerField.ofPath(path));
    }
}
