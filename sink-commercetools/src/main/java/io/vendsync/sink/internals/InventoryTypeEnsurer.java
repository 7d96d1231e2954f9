package io.vendsync.sink.internals;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.type.CustomFieldNumberType;
import com.commercetools.api.models.type.CustomFieldStringType;
import com.commercetools.api.models.type.FieldDefinition;
import com.commercetools.api.models.type.ResourceTypeId;
import com.commercetools.api.models.type.Type;
import com.commercetools.api.models.type.TypeAddFieldDefinitionAction;
import com.commercetools.api.models.type.TypeDraft;
import com.commercetools.api.models.type.TypeUpdate;
import com.commercetools.api.models.type.TypeUpdateAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(InventoryTypeEnsurer.class);

    private final ProjectApiRoot api;
    private final String typeKey;
    private final String name;
    private final String description;
    private final ResourceTypeId resourceType;
    private final List<FieldDefinition> definitions;

    public InventoryTypeEnsurer(final ProjectApiRoot api) {
        this(api, TYPE_KEY, "vendsync inventory source",
                "Which Vend record version an inventory entry's quantity comes from; written by vendsync.",
                ResourceTypeId.INVENTORY_ENTRY, fieldDefinitions());
    }

    /** Ensures another custom Type of vendsync's the same way (e.g. the one on orders). */
    public InventoryTypeEnsurer(final ProjectApiRoot api, final String typeKey, final String name, final String description,
                                final ResourceTypeId resourceType, final List<FieldDefinition> definitions) {
        this.api = Objects.requireNonNull(api, "api");
        this.typeKey = Objects.requireNonNull(typeKey, "typeKey");
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.resourceType = Objects.requireNonNull(resourceType, "resourceType");
        this.definitions = List.copyOf(definitions);
    }

    /** The Type's id; creates the Type, or adds missing field definitions to it. */
    public String ensure() {
        Type type = find();
        if (type == null) {
            type = create();
        }
        final Set<String> present = type.getFieldDefinitions().stream().map(FieldDefinition::getName).collect(Collectors.toSet());
        final List<TypeUpdateAction> missing = new ArrayList<>();
        for (final FieldDefinition definition : definitions) {
            if (!present.contains(definition.getName())) {
                missing.add(TypeAddFieldDefinitionAction.builder().fieldDefinition(definition).build());
            }
        }
        if (!missing.isEmpty()) {
            type = api.types().withId(type.getId())
                    .post(TypeUpdate.builder().version(type.getVersion()).actions(missing).build()).executeBlocking().getBody();
            LOG.info("Added {} field definition(s) to type '{}'", missing.size(), typeKey);
        }
        return type.getId();
    }

    private Type find() {
        final List<Type> found = api.types().get().withWhere("key = :key").withPredicateVar("key", typeKey).withLimit(500)
                .executeBlocking().getBody().getResults();
        return found.stream().min(Comparator.comparing(Type::getCreatedAt)).orElse(null);
    }

    private Type create() {
        final TypeDraft draft = TypeDraft.builder()
                .key(typeKey)
                .name(LocalizedString.ofEnglish(name))
                .description(LocalizedString.ofEnglish(description))
                .resourceTypeIds(resourceType)
                .fieldDefinitions(definitions)
                .build();
        try {
            final Type type = api.types().post(draft).executeBlocking().getBody();
            LOG.info("Created type '{}' ({})", typeKey, type.getId());
            return type;
        } catch (RuntimeException e) {
            // Another sink may have created it meanwhile (the real API rejects the duplicate key).
            final Type raced = find();
            if (raced != null) {
                return raced;
            }
            throw e;
        }
    }

    static List<FieldDefinition> fieldDefinitions() {
        return List.of(
                FieldDefinition.builder().name(SOURCE_VERSION_FIELD).type(CustomFieldNumberType.of()).required(false)
                        .label(LocalizedString.ofEnglish("Vend source version")).build(),
                FieldDefinition.builder().name(DOMAIN_PREFIX_FIELD).type(CustomFieldStringType.of()).required(false)
                        .label(LocalizedString.ofEnglish("Vend store domain prefix")).build());
    }
}
