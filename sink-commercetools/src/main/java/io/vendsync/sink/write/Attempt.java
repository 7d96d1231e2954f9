package io.vendsync.sink.write;

import io.vendsync.sink.internals.CommercetoolsClient;
import io.vrap.rmf.base.client.ApiMethod;
import java.util.Objects;

/**
 * One try at applying one record (or, for a batched read, a batch): the correlation id and the attempt number every
 * request of that try carries into the integration log. A resource writer passes each SDK request through
 * {@link #tag} before executing it.
 *
 * @param correlationId names the record, e.g. {@code outlet-main/SKU-1@7} or {@code product:family-1@4711}
 * @param number 1 for the first try, 2.. after a 409 re-read
 */
public record Attempt(String correlationId, int number) {

    public Attempt {
        Objects.requireNonNull(correlationId, "correlationId");
        if (number < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1");
        }
    }

    /** The request with this attempt's correlation id and number (read and stripped by the integration-log middleware). */
    public <T extends ApiMethod<T, ?>> T tag(final T method) {
        return CommercetoolsClient.tag(method, correlationId, number);
    }

    Attempt next() {
        return new Attempt(correlationId, number + 1);
    }
}
