package io.vendsync.mapper.vend;

/** A raw Vend record the mapper cannot read; the message says why, in words an operator can act on. */
public final class InvalidPayloadException extends Exception {

    public InvalidPayloadException(final String reason) {
        super(reason);
    }

    public InvalidPayloadException(final String reason, final Throwable cause) {
        super(reason, cause);
    }
}
