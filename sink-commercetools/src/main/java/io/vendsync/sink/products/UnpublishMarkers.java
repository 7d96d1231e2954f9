package io.vendsync.sink.products;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.custom_object.CustomObjectDraft;
import io.vendsync.sink.write.Attempt;
import io.vrap.rmf.base.client.error.NotFoundException;
import java.util.Map;
import java.util.Objects;

/**
 * vendsync's record that it unpublished a product because its Vend family was deleted: a custom object in container
 * {@value #CONTAINER}, keyed by the product key. Written before the unpublish, so a Vend undelete knows the product was
 * published and vendsync took it off sale (and not a merchandiser, whose unpublish vendsync must never undo); removed
 * after the republish.
 */
final class UnpublishMarkers {

    static final String CONTAINER = "vendsync-unpublished";

    private final ProjectApiRoot api;

    UnpublishMarkers(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** Whether vendsync unpublished the product {@code productKey}. By query: no marker is the normal case, not a 404 to log. */
    boolean exists(final String productKey, final Attempt attempt) {
        return !attempt.tag(api.customObjects().get().withWhere("container = :container and key = :key")
                .withPredicateVar("container", CONTAINER).withPredicateVar("key", productKey).withLimit(1)).executeBlocking().getBody().getResults().isEmpty();
    }

    /**
     * Notes (idempotently: a custom object POST is an upsert) that vendsync unpublishes the product, for the record
     * {@code correlationId} names.
     */
    void write(final String productKey, final String productId, final String correlationId, final Attempt attempt) {
        attempt.tag(api.customObjects().post(CustomObjectDraft.builder().container(CONTAINER).key(productKey)
                .value(Map.of("productId", productId, "unpublishedFor", correlationId)).build())).executeBlocking();
    }

    /** Forgets the marker once the product is published again; one already gone is fine. */
    void remove(final String productKey, final Attempt attempt) {
        try {
            attempt.tag(api.customObjects().withContainerAndKey(CONTAINER, productKey).delete()).executeBlocking();
        } catch (NotFoundException e) {
            // removed by an earlier try of this record
        }
    }
}
