package io.vendsync.ingest.vend;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What went wrong at the edge to Vend, counted for operators: failures by class (each one a back-off, except the
 * refused ones), same-origin redirects followed, and the time spent backing off. Thread-safe.
 */
public final class VendEdgeStatistics {

    private final Map<VendFailure, AtomicLong> failures = new EnumMap<>(VendFailure.class);
    private final AtomicLong redirectsFollowed = new AtomicLong();
    private final AtomicLong backoffMillis = new AtomicLong();
    /** Null until Vend first answered; then whether its last answer took the credentials (not a 401). */
    private volatile Boolean credentialsAccepted;

    public VendEdgeStatistics() {
        for (final VendFailure failure : VendFailure.values()) {
            failures.put(failure, new AtomicLong());
        }
    }

    void failed(final VendFailure failure) {
        failures.get(failure).incrementAndGet();
        if (failure == VendFailure.UNAUTHORIZED) {
            credentialsAccepted = false;
        }
    }

    /** Vend answered anything but a 401: the credentials were accepted. */
    void authenticated() {
        credentialsAccepted = true;
    }

    /** Whether Vend's last answer accepted the credentials; false before Vend answered at all (a readiness check). */
    public boolean credentialsAccepted() {
        return Boolean.TRUE.equals(credentialsAccepted);
    }

    void backedOff(final long millis) {
        backoffMillis.addAndGet(millis);
    }

    void redirectFollowed() {
        redirectsFollowed.incrementAndGet();
    }

    /** Vend calls that failed this way (each attempt counts). */
    public long failures(final VendFailure failure) {
        return failures.get(failure).get();
    }

    /** Every failure class's count, for a report or an exporter. */
    public Map<VendFailure, Long> failures() {
        final Map<VendFailure, Long> out = new EnumMap<>(VendFailure.class);
        failures.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long redirectsRefused() {
        return failures(VendFailure.REDIRECT_REFUSED);
    }

    public long redirectsFollowed() {
        return redirectsFollowed.get();
    }

    /** Time spent in back-offs between attempts (429 pauses are the rate governor's waits). */
    public long backoffMillis() {
        return backoffMillis.get();
    }
}
