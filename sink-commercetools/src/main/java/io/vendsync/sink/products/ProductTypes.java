package io.vendsync.sink.products;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.product_type.AttributeConstraintEnum;
import com.commercetools.api.models.product_type.AttributeDefinition;
import com.commercetools.api.models.product_type.AttributeDefinitionDraft;
import com.commercetools.api.models.product_type.AttributeSetType;
import com.commercetools.api.models.product_type.AttributeTextType;
import com.commercetools.api.models.product_type.ProductType;
import com.commercetools.api.models.product_type.ProductTypeAddAttributeDefinitionAction;
import com.commercetools.api.models.product_type.ProductTypeDraft;
import com.commercetools.api.models.product_type.ProductTypeUpdate;
import com.commercetools.api.models.product_type.ProductTypeUpdateAction;
import com.commercetools.api.models.product_type.TextInputHint;
import io.vendsync.sink.internals.CommercetoolsClient;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vendsync's own product type (created when missing, attribute definitions added as Vend option names appear) and the
 * attribute names of other product types (read once per type and cached: vendsync only sets attributes a type defines,
 * so it never provokes a 400 on someone else's product).
 *
 * <p>Vend options become text attributes with constraint None: commercetools' CombinationUnique would refuse two variants
 * with equal options, which the mapper already withholds (VARIANT_OPTIONS_DUPLICATE), and could not be added to a type
 * that already has products. The GTIN attribute is a set of text, as a variant may carry several barcodes; the catalog
 * reader reads sets.
 */
final class ProductTypes {

    private static final Logger LOG = LoggerFactory.getLogger(ProductTypes.class);

    private final ProjectApiRoot api;
    private final String key;
    private final String locale;
    private final String gtinAttribute;
    private final Map<String, Set<String>> attributesByTypeId = new ConcurrentHashMap<>();
    private ProductType own;

    ProductTypes(final ProjectApiRoot api, final String key, final String locale, final String gtinAttribute) {
        this.api = Objects.requireNonNull(api, "api");
        this.key = Objects.requireNonNull(key, "key");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.gtinAttribute = gtinAttribute;
    }

    String gtinAttribute() {
        return gtinAttribute;
    }

    /** The id of vendsync's product type, defining at least {@code attributeNames} (and the GTIN attribute). */
    synchronized String ensureOwn(final Collection<String> attributeNames, final String correlationId) {
        if (own == null) {
            own = find(correlationId);
            if (own == null) {
                own = create(attributeNames, correlationId);
            }
        }
        final Set<String> present = names(own);
        final Set<String> wanted = new TreeSet<>(attributeNames);
        if (gtinAttribute != null) {
            wanted.add(gtinAttribute);
        }
        wanted.removeAll(present);
        for (int attempt = 1; !wanted.isEmpty(); attempt++) {
            final List<ProductTypeUpdateAction> actions = wanted.stream()
                    .map(name -> (ProductTypeUpdateAction) ProductTypeAddAttributeDefinitionAction.builder()
                            .attribute(definition(name)).build())
                    .toList();
            try {
                own = CommercetoolsClient.tag(api.productTypes().withId(own.getId())
                                .post(ProductTypeUpdate.builder().version(own.getVersion()).actions(actions).build()),
                        correlationId, attempt).executeBlocking().getBody();
                LOG.info("Added attribute definition(s) {} to product type '{}'", wanted, key);
                break;
            } catch (com.commercetools.api.client.error.ConcurrentModificationException e) {
                if (attempt >= 3) {
                    throw e;
                }
                own = find(correlationId); // another sink added some meanwhile
                wanted.removeAll(names(own));
            }
        }
        attributesByTypeId.put(own.getId(), names(own));
        return own.getId();
    }

    /** The id of vendsync's product type, or null when it does not exist (nothing is created). */
    synchronized String ownIdIfExists(final String correlationId) {
        if (own == null) {
            own = find(correlationId);
        }
        return own == null ? null : own.getId();
    }

    /** The attribute names the product type {@code typeId} defines. */
    Set<String> attributeNames(final String typeId, final String correlationId) {
        return attributesByTypeId.computeIfAbsent(typeId, id -> names(CommercetoolsClient.tag(
                api.productTypes().withId(id).get(), correlationId, 1).executeBlocking().getBody()));
    }

    /** By query: a missing product type is expected on first start, and the SDK logs a 404 as an error. */
    private ProductType find(final String correlationId) {
        final List<ProductType> found = CommercetoolsClient.tag(api.productTypes().get().withWhere("key = :key")
                .withPredicateVar("key", key).withLimit(1), correlationId, 1).executeBlocking().getBody().getResults();
        return found.isEmpty() ? null : found.get(0);
    }

    private ProductType create(final Collection<String> attributeNames, final String correlationId) {
        final Set<String> names = new TreeSet<>(attributeNames);
        if (gtinAttribute != null) {
            names.add(gtinAttribute);
        }
        final ProductTypeDraft draft = ProductTypeDraft.builder()
                .key(key)
                .name("Vend product")
                .description("Products vendsync creates from Vend variant families; one text attribute per Vend option.")
                .attributes(names.stream().map(this::definition).toList())
                .build();
        final ProductType type = CommercetoolsClient.tag(api.productTypes().post(draft), correlationId, 1).executeBlocking().getBody();
        LOG.info("Created product type '{}' ({})", key, type.getId());
        return type;
    }

    private AttributeDefinitionDraft definition(final String name) {
        final boolean gtin = name.equals(gtinAttribute);
        return AttributeDefinitionDraft.builder()
                .name(name)
                .label(LocalizedString.of(java.util.Locale.forLanguageTag(locale), gtin ? "GTIN" : name))
                .type(gtin ? AttributeSetType.builder().elementType(AttributeTextType.of()).build() : AttributeTextType.of())
                .isRequired(false)
                .attributeConstraint(AttributeConstraintEnum.NONE)
                .isSearchable(true)
                .inputHint(TextInputHint.SINGLE_LINE)
                .build();
    }

    private static Set<String> names(final ProductType type) {
        final List<AttributeDefinition> definitions = type.getAttributes() == null ? List.of() : type.getAttributes();
        return definitions.stream().map(AttributeDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
