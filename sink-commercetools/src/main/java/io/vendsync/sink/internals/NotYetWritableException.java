package io.vendsync.sink.internals;

/**
 * A record cannot be written yet because something it needs is not in commercetools yet (e.g. the prices of a SKU whose
 * product the catalog writer has not created). Transient: the retry tiers try it again later, and it dead-letters only
 * if the prerequisite never arrives.
 */
public final class NotYetWritableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotYetWritableException(final String message) {
        super(message);
    }
}
