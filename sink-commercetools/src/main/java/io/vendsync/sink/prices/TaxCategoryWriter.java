package io.vendsync.sink.prices;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.client.error.ConcurrentModificationException;
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
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes the commercetools tax category with the record's key equal the record: created when missing, else its name and
 * rates diffed per country ({@code addTaxRate}, {@code replaceTaxRate}, {@code removeTaxRate}, {@code changeName}); no
 * request when equal. A 409 is re-read and rebuilt at most {@code maxConflictRetries} times.
 *
 * <p>A record with {@code deleted=true} (the Vend tax was deleted) changes nothing: products may still reference the
 * category, and deleting it would fail or strand them; it is logged for an operator.
 */
public final class TaxCategoryWriter implements CanonicalWriter<TaxCategory> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaxCategoryWriter.class);
    /** Rates are fractions like 0.15; anything closer is the same rate written through a double. */
    private static final double RATE_TOLERANCE = 1e-9;

    private final ProjectApiRoot api;
    private final int maxConflictRetries;
    private final SinkStatistics statistics;

    public TaxCategoryWriter(final ProjectApiRoot api, final int maxConflictRetries, final SinkStatistics statistics) {
        this.api = Objects.requireNonNull(api, "api");
        if (maxConflictRetries < 0) {
            throw new IllegalArgumentException("maxConflictRetries must be >= 0");
        }
        this.maxConflictRetries = maxConflictRetries;
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    @Override
    public String entity() {
        return "tax-category";
    }

    @Override
    public long sourceVersion(final TaxCategory record) {
        return record.getSourceVersion();
    }

    @Override
    public String correlationId(final TaxCategory record) {
        return "tax-category:" + record.getKey() + "@" + record.getSourceVersion();
    }

    @Override
    public synchronized WriteOutcome apply(final TaxCategory record) {
        final String correlationId = correlationId(record);
        try {
            final WriteOutcome outcome = write(record, correlationId);
            switch (outcome) {
                case CREATED -> statistics.incrementCreated();
                case UPDATED -> statistics.incrementUpdated();
                default -> statistics.incrementUnchanged();
            }
            return outcome;
        } catch (SinkWriteException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SinkWriteException(correlationId, "cannot apply tax category: " + e.getMessage(), e);
        }
    }

    private WriteOutcome write(final TaxCategory record, final String correlationId) {
        ConcurrentModificationException lastConflict = null;
        for (int attempt = 1; attempt <= maxConflictRetries + 1; attempt++) {
            final com.commercetools.api.models.tax_category.TaxCategory current = find(record.getKey(), correlationId, attempt);
            if (record.getDeleted()) {
                if (current != null) {
                    LOG.warn("{}: Vend tax {} is deleted; tax category '{}' is left in commercetools (products may reference it). "
                            + "Delete it there once no product uses it.", correlationId, record.getVendTaxId(), record.getKey());
                }
                return WriteOutcome.UNCHANGED;
            }
            if (current == null) {
                CommercetoolsClient.tag(api.taxCategories().post(TaxCategoryDraft.builder().key(record.getKey()).name(record.getName())
                        .rates(record.getRates().stream().map(TaxCategoryWriter::draft).toList()).build()), correlationId, attempt)
                        .executeBlocking();
                return WriteOutcome.CREATED;
            }
            final List<TaxCategoryUpdateAction> actions = actions(current, record);
            if (actions.isEmpty()) {
                return attempt == 1 ? WriteOutcome.UNCHANGED : WriteOutcome.UPDATED;
            }
            try {
                CommercetoolsClient.tag(api.taxCategories().withId(current.getId()).post(TaxCategoryUpdate.builder()
                        .version(current.getVersion()).actions(actions).build()), correlationId, attempt).executeBlocking();
                return WriteOutcome.UPDATED;
            } catch (ConcurrentModificationException e) {
                lastConflict = e;
                if (attempt <= maxConflictRetries) {
                    statistics.incrementConflictRetries();
                }
            }
        }
        throw new SinkWriteException(correlationId, "still conflicting (409 ConcurrentModification) after "
                + maxConflictRetries + " retries", lastConflict);
    }

    /** By a where-query on the key rather than GET key=..., so "none" is an empty list, not an exception. */
    private com.commercetools.api.models.tax_category.TaxCategory find(final String key, final String correlationId, final int attempt) {
        final List<com.commercetools.api.models.tax_category.TaxCategory> found = CommercetoolsClient.tag(api.taxCategories().get()
                        .withWhere("key = :key").withPredicateVar("key", key).withLimit(2), correlationId, attempt)
                .executeBlocking().getBody().getResults();
        return found.isEmpty() ? null : found.get(0);
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
