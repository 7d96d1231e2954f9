package io.vendsync.demo.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/** Polling until the pipeline converged, for the end-to-end tests. */
final class Awaits {

    static final Duration CONVERGE = Duration.ofSeconds(90);

    private Awaits() {
    }

    static <T> T await(final String what, final Callable<Optional<T>> probe) throws Exception {
        final long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            final Optional<T> found = probe.call();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + CONVERGE + ": " + what);
    }

    static void awaitTrue(final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + CONVERGE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
