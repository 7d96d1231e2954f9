package io.vendsync.sink.products;

import java.io.IOException;

/**
 * A record references something commercetools does not have yet but will (a tax category that arrives on
 * {@code canonical.tax-category.v1}): trying again later can succeed. It extends {@link IOException} only because the
 * sink's {@code FailureClassifier} treats I/O failures as transient and so sends the record to a retry tier rather than
 * the dead-letter topic; once the classifier knows an explicit transient marker, this should use that instead.
 */
public final class PendingReferenceException extends IOException {

    private static final long serialVersionUID = 1L;

    public PendingReferenceException(final String message) {
        super(message);
    }
}
