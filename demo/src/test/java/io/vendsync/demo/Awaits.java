package io.vendsync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling until the pipeline converged, for the end-to-end tests. */
public final class Awaits {

    public static final Duration CONVERGE = Duration.ofSeconds(90);

    private Awaits() {
    }

    /** What {@code probe} finds within {@link #CONVERGE}. */
    public static <T> T await(final String what, final Callable<Optional<T>> probe) throws Exception {
        return await(what, probe, CONVERGE, () -> "");
    }

    /**
     * What {@code probe} finds within {@code within}; otherwise fails naming {@code what} and, to tell where the records
     * stopped, the pipeline's {@code state} then.
     */
    public static <T> T await(final String what, final Callable<Optional<T>> probe, final Duration within,
                              final Supplier<String> state) throws Exception {
        final long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            final Optional<T> found = probe.call();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(250);
        }
        final String then = state.get();
        throw new AssertionError("not within " + within + ": " + what + (then.isEmpty() ? "" : "; " + then));
    }

    public static void awaitTrue(final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + CONVERGE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
