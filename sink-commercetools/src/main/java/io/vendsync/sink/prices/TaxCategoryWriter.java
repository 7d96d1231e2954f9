package io.vendsync.sink.prices;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.tax_category.TaxCategoryAddTaxRateAction;
import com.commercetools.api.models.tax_category.TaxCategoryChangeNameAction;
import com.commercetools.api.models.tax_category.TaxCategoryDraft;
import com.commercetools.api.models.tax_category.TaxCategoryRemoveTaxRateAction;
import com.commercetools.api.models.tax_category.TaxCategoryReplaceTaxRateAction;
import com.commercetools.api.models.tax_category.TaxCategoryUpdate;
import com.commercetools.api.models.tax_category.TaxCategoryUpdateAction;
import com.commercetools.api.models.tax_category.TaxRate;
import com.commercetools.api.models.tax_category.TaxRateDraft;
import io.vendsync.schemas.canonical.v1.TaxCategory;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.write.Attempt;
import io.vendsync.sink.write.ResourceWriter;
import io.vendsync.sink.write.WriterTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tax category resource on the {@link WriterTemplate}: makes the commercetools tax category with the record's key
 * equal the record: created when missing, else its name and rates diffed per country ({@code addTaxRate},
 * {@code replaceTaxRate}, {@code removeTaxRate}, {@code changeName}); no request when equal.
 *
 * <p>A record with {@code deleted=true} (the Vend tax was deleted) changes nothing: products may still reference the
 * category, and deleting it would fail or strand them; it is logged for an operator.
 */
public final class TaxCategoryWriter
        implements ResourceWriter<TaxCategory, com.commercetools.api.models.tax_category.TaxCategory, TaxCategoryUpdateAction> {

    public static final String ENTITY = "tax-category";
    /** Rates are fractions like 0.15; anything closer is the same rate written through a double. */
    private static final double RATE_TOLERANCE = 1e-9;

    private final ProjectApiRoot api;

    public TaxCategoryWriter(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** The tax category writer on the template, counting into {@code statistics}. */
    public static WriterTemplate<TaxCategory, com.commercetools.api.models.tax_category.TaxCategory, TaxCategoryUpdateAction> template(
            final ProjectApiRoot api, final int maxConflictRetries, final SinkStatistics statistics) {
        return new WriterTemplate<>(new TaxCategoryWriter(api), maxConflictRetries, statistics);
    }

    @Override
    public String entity() {
        return ENTITY;
    }

    @Override
    public String key(final TaxCategory record) {
        return record.getKey();
    }

    @Override
    public long sourceVersion(final TaxCategory record) {
        return record.getSourceVersion();
    }

    @Override
    public boolean absoluteState() {
        return true;
    }

    @Override
    public String skipReason(final TaxCategory record) {
        return record.getDeleted() ? "Vend tax " + record.getVendTaxId() + " is deleted; tax category '" + record.getKey()
                + "' is left in commercetools (products may reference it). Delete it there once no product uses it." : null;
    }

    /** By a where-query on the key rather than GET key=..., so "none" is null, not an exception. */
    @Override
    public com.commercetools.api.models.tax_category.TaxCategory find(final TaxCategory record, final Attempt attempt) {
        final List<com.commercetools.api.models.tax_category.TaxCategory> found = attempt.tag(api.taxCategories().get()
                        .withWhere("key = :key").withPredicateVar("key", record.getKey()).withLimit(2))
                .executeBlocking().getBody().getResults();
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public void create(final TaxCategory record, final Attempt attempt) {
        attempt.tag(api.taxCategories().post(TaxCategoryDraft.builder().key(record.getKey()).name(record.getName())
                .rates(record.getRates().stream().map(TaxCategoryWriter::draft).toList()).build())).executeBlocking();
    }

    @Override
    public List<TaxCategoryUpdateAction> diff(final com.commercetools.api.models.tax_category.TaxCategory current,
                                              final TaxCategory record) {
        return actions(current, record);
    }

    @Override
    public long version(final com.commercetools.api.models.tax_category.TaxCategory current) {
        return current.getVersion();
    }

    @Override
    public long update(final com.commercetools.api.models.tax_category.TaxCategory current, final long version,
                       final List<TaxCategoryUpdateAction> actions, final Attempt attempt) {
        return attempt.tag(api.taxCategories().withId(current.getId())
                .post(TaxCategoryUpdate.builder().version(version).actions(actions).build())).executeBlocking().getBody().getVersion();
    }

    /** Removals, then replacements, then additions, per country; a name change last. */
    static List<TaxCategoryUpdateAction> actions(final com.commercetools.api.models.tax_category.TaxCategory current,
                                                 final TaxCategory desired) {
        final List<TaxRate> unmatched = new ArrayList<>(current.getRates() == null ? List.of() : current.getRates());
        final List<TaxCategoryUpdateAction> removes = new ArrayList<>();
        final List<TaxCategoryUpdateAction> replaces = new ArrayList<>();
        final List<TaxCategoryUpdateAction> adds = new ArrayList<>();
        for (final io.vendsync.schemas.canonical.v1.TaxRate rate : desired.getRates()) {
            final TaxRate existing = unmatched.stream().filter(r -> rate.getCountry().equals(r.getCountry()) && r.getState() == null)
                    .findFirst().orElse(null);
            if (existing == null) {
                adds.add(TaxCategoryAddTaxRateAction.builder().taxRate(draft(rate)).build());
                continue;
            }
            unmatched.remove(existing);
            if (!same(existing, rate)) {
                replaces.add(TaxCategoryReplaceTaxRateAction.builder().taxRateId(existing.getId()).taxRate(draft(rate)).build());
            }
        }
        unmatched.forEach(r -> removes.add(TaxCategoryRemoveTaxRateAction.builder().taxRateId(r.getId()).build()));
        final List<TaxCategoryUpdateAction> actions = new ArrayList<>(removes);
        actions.addAll(replaces);
        actions.addAll(adds);
        if (!desired.getName().equals(current.getName())) {
            actions.add(TaxCategoryChangeNameAction.builder().name(desired.getName()).build());
        }
        return actions;
    }

    private static boolean same(final TaxRate current, final io.vendsync.schemas.canonical.v1.TaxRate desired) {
        return current.getAmount() != null && Math.abs(current.getAmount() - desired.getAmount()) < RATE_TOLERANCE
                && Boolean.valueOf(desired.getIncludedInPrice()).equals(current.getIncludedInPrice())
                && desired.getName().equals(current.getName())
                && (current.getSubRates() == null || current.getSubRates().isEmpty());
    }

    private static TaxRateDraft draft(final io.vendsync.schemas.canonical.v1.TaxRate rate) {
        return TaxRateDraft.builder().name(rate.getName()).amount(rate.getAmount()).includedInPrice(rate.getIncludedInPrice())
                .country(rate.getCountry()).build();
    }
}
