package io.vendsync.sink.internals;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.common.LocalizedString;
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
 * Ensures a custom Type that carries vendsync's bookkeeping on a resource (inventory entries, customers): creates it, or
 * adds the field definitions a newer release needs, and returns its id.
 */
public final class CustomTypeEnsurer {

    private static final Logger LOG = LoggerFactory.getLogger(CustomTypeEnsurer.class);

    private final ProjectApiRoot api;
    private final String key;
    private final String name;
    private final String description;
    private final ResourceTypeId resourceTypeId;
    private final List<FieldDefinition> fieldDefinitions;

    public CustomTypeEnsurer(final ProjectApiRoot api, final String key, final String name, final String description,
                             final ResourceTypeId resourceTypeId, final List<FieldDefinition> fieldDefinitions) {
        this.api = Objects.requireNonNull(api, "api");
        this.key = Objects.requireNonNull(key, "key");
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.resourceTypeId = Objects.requireNonNull(resourceTypeId, "resourceTypeId");
        this.fieldDefinitions = List.copyOf(fieldDefinitions);
    }

    /** The Type's id; creates the Type, or adds missing field definitions to it. */
    public String ensure() {
        Type type = find();
        if (type == null) {
            type = create();
        }
        final Set<String> present = type.getFieldDefinitions().stream().map(FieldDefinition::getName).collect(Collectors.toSet());
        final List<TypeUpdateAction> missing = new ArrayList<>();
        for (final FieldDefinition definition : fieldDefinitions) {
            if (!present.contains(definition.getName())) {
                missing.add(TypeAddFieldDefinitionAction.builder().fieldDefinition(definition).build());
            }
        }
        if (!missing.isEmpty()) {
            type = api.types().withId(type.getId())
                    .post(TypeUpdate.builder().version(type.getVersion()).actions(missing).build()).executeBlocking().getBody();
            LOG.info("Added {} field definition(s) to type '{}'", missing.size(), key);
        }
        return type.getId();
    }

    private Type find() {
        final List<Type> found = api.types().get().withWhere("key = :key").withPredicateVar("key", key).withLimit(500)
                .executeBlocking().getBody().getResults();
        return found.stream().min(Comparator.comparing(Type::getCreatedAt)).orElse(null);
    }

    private Type create() {
        final TypeDraft draft = TypeDraft.builder()
                .key(key)
                .name(LocalizedString.ofEnglish(name))
                .description(LocalizedString.ofEnglish(description))
                .resourceTypeIds(resourceTypeId)
                .fieldDefinitions(fieldDefinitions)
                .build();
        try {
            final Type type = api.types().post(draft).executeBlocking().getBody();
            LOG.info("Created type '{}' ({})", key, type.getId());
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
}
