package io.vendsync.simulator;

import java.util.OptionalInt;

/** Makes the next N API requests fail with a chosen status, to exercise client retry paths. */
final class FailureInjector {
    private int remaining;
    private int status;

    synchronized void arm(final int count, final int httpStatus) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        if (httpStatus < 100 || httpStatus > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + httpStatus);
        }
        this.remaining = count;
        this.status = httpStatus;
    }

    /** The status to answer instead of serving this request, if a failure is still armed. */
    synchronized OptionalInt next() {
        if (remaining == 0) {
            return OptionalInt.empty();
        }
        remaining--;
        return OptionalInt.of(status);
    }
}
