package io.vendsync.simulator;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * Faults for client tests: the next N API requests fail with a chosen status, the next N answer 200 with a body
 * that is not JSON (a proxy's maintenance page), and every request can be delayed.
 */
final class FailureInjector {
    private int remaining;
    private int status;
    private int nonJsonRemaining;
    private Duration latency = Duration.ZERO;

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

    synchronized void armNonJson(final int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        this.nonJsonRemaining = count;
    }

    synchronized void latency(final Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + value);
        }
        this.latency = value;
    }

    synchronized Duration latency() {
        return latency;
    }

    /** The status to answer instead of serving this request, if a failure is still armed. */
    synchronized OptionalInt next() {
        if (remaining == 0) {
            return OptionalInt.empty();
        }
        remaining--;
        return OptionalInt.of(status);
    }

    /** Whether this request gets a 200 whose body is not JSON. */
    synchronized boolean nextNonJson() {
        if (nonJsonRemaining == 0) {
            return false;
        }
        nonJsonRemaining--;
        return true;
    }
}
