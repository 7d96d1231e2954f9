package io.vendsync.sink.internals;

/**
 * A record refers to something commercetools does not hold yet, e.g. a price whose product the catalog loop has
 * not created yet (the canonical topics are not ordered against each other). Transient by nature: a writer
 * throws it as the cause of its {@link SinkWriteException}, and the {@link FailureClassifier} sends the record
 * to a retry tier, by when the referenced record has usually been applied.
 */
public final class MissingReferenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MissingReferenceException(final String message) {
        super(message);
    }
}
