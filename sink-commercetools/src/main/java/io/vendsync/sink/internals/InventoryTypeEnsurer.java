package io.vendsync.sink.internals;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.type.CustomFieldNumberType;
import com.commercetools.api.models.type.CustomFieldStringType;
import com.commercetools.api.models.type.FieldDefinition;
import com.commercetools.api.models.type.ResourceTypeId;
import java.util.List;

/**
 * Ensures the custom Type that carries vendsync's bookkeeping on each inventory entry: the Vend source
 * version the quantity came from ({@value #SOURCE_VERSION_FIELD}, Number) and the Vend store
 * ({@value #DOMAIN_PREFIX_FIELD}, String). Keeping the version on the entry itself means it survives sink
 * restarts and is read atomically with the quantity it belongs to.
 */
public final class InventoryTypeEnsurer {

    public static final String TYPE_KEY = "vendsync-inventory-source";
    public static final String SOURCE_VERSION_FIELD = "vendsyncSourceVersion";
    public static final String DOMAIN_PREFIX_FIELD = "vendsyncDomainPrefix";

    private final CustomTypeEnsurer type;

    public InventoryTypeEnsurer(final ProjectApiRoot api) {
        this.type = new CustomTypeEnsurer(api, TYPE_KEY, "vendsync inventory source",
                "Which Vend record version an inventory entry's quantity comes from; written by vendsync.",
                ResourceTypeId.INVENTORY_ENTRY, fieldDefinitions());
    }

    /** The Type's id; creates the Type, or adds missing field definitions to it. */
    public String ensure() {
        return type.ensure();
    }

    static List<FieldDefinition> fieldDefinitions() {
        return List.of(
                FieldDefinition.builder().name(SOURCE_VERSION_FIELD).type(CustomFieldNumberType.of()).required(false)
                        .label(LocalizedString.ofEnglish("Vend source version")).build(),
                FieldDefinition.builder().name(DOMAIN_PREFIX_FIELD).type(CustomFieldStringType.of()).required(false)
                        .label(LocalizedString.ofEnglish("Vend store domain prefix")).build());
    }
}
