package io.vendsync.simulator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Faults for client tests: the next N API requests fail with a chosen status, the next N answer 200 with a body
 * that is not JSON (a proxy's maintenance page), the next N meet a {@link VendFault}, a redirect or a 429 with a
 * chosen Retry-After, and every request can be delayed.
 */
final class FailureInjector {
    /** A redirect to arm: {@code origin} (scheme://host:port) replaces the simulator's own in Location. */
    record Redirect(int status, String origin) {
    }

    private int remaining;
    private int status;
    private int nonJsonRemaining;
    private Duration latency = Duration.ZERO;
    private final Map<VendFault, Integer> faults = new EnumMap<>(VendFault.class);
    /** Pages (or requests) served unharmed before an armed fault's count starts. */
    private final Map<VendFault, Integer> skips = new EnumMap<>(VendFault.class);
    private int redirectsRemaining;
    private Redirect redirect;
    private int throttlesRemaining;
    private String retryAfter;

    synchronized void arm(final int count, final int httpStatus) {
        requireCount(count);
        if (httpStatus < 100 || httpStatus > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + httpStatus);
        }
        this.remaining = count;
        this.status = httpStatus;
    }

    synchronized void armNonJson(final int count) {
        requireCount(count);
        this.nonJsonRemaining = count;
    }

    synchronized void arm(final VendFault fault, final int count) {
        arm(fault, count, 0);
    }

    synchronized void arm(final VendFault fault, final int count, final int after) {
        requireCount(count);
        requireCount(after);
        faults.put(fault, count);
        skips.put(fault, after);
    }

    synchronized void armRedirect(final int count, final Redirect value) {
        requireCount(count);
        this.redirectsRemaining = count;
        this.redirect = value;
    }

    synchronized void armThrottle(final int count, final String retryAfterHeader) {
        requireCount(count);
        this.throttlesRemaining = count;
        this.retryAfter = retryAfterHeader;
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

    /** The transport fault this request meets, if one is armed (in declaration order). */
    synchronized Optional<VendFault> nextTransportFault() {
        for (final VendFault fault : VendFault.values()) {
            if (!fault.page() && take(fault)) {
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    /** Every page fault armed for this page; each is spent once. */
    synchronized Set<VendFault> nextPageFaults() {
        final Set<VendFault> out = EnumSet.noneOf(VendFault.class);
        for (final VendFault fault : VendFault.values()) {
            if (fault.page() && take(fault)) {
                out.add(fault);
            }
        }
        return out;
    }

    synchronized Optional<Redirect> nextRedirect() {
        if (redirectsRemaining == 0) {
            return Optional.empty();
        }
        redirectsRemaining--;
        return Optional.of(redirect);
    }

    /** The Retry-After value of an armed 429, sent as given (delta-seconds, an HTTP-date or garbage). */
    synchronized Optional<String> nextThrottle() {
        if (throttlesRemaining == 0) {
            return Optional.empty();
        }
        throttlesRemaining--;
        return Optional.of(retryAfter);
    }

    private boolean take(final VendFault fault) {
        final int left = faults.getOrDefault(fault, 0);
        if (left == 0) {
            return false;
        }
        final int skip = skips.getOrDefault(fault, 0);
        if (skip > 0) {
            skips.put(fault, skip - 1);
            return false;
        }
        faults.put(fault, left - 1);
        return true;
    }

    private static void requireCount(final int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
    }
}
