package io.vendsync.mapper.orders.internals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Vend keeps line amounts at five decimals and rounds only the sale's totals (conformance S1: three lines of 4.30435
 * make a sale of 12.91, not 3 x 4.30): amounts rounded one by one need not add up to the rounded total. This spreads a
 * rounded total over the amounts by largest remainder: each amount rounded half-even, then the units the total still
 * lacks (or has too many) go to the amounts that rounding moved furthest from their exact value, ties by position.
 */
final class MinorUnits {

    private MinorUnits() {
    }

    /**
     * {@link #allocate} when {@code exact}, rounded as a whole, is within {@code tolerance} minor units of {@code target}
     * (a rounding matter: two rates of 0.535 and 0.749 are 1.28, not 0.54 + 0.75); null otherwise, a real difference.
     */
    static List<Long> allocateWithin(final List<BigDecimal> exact, final long target, final int digits, final long tolerance) {
        final long rounded = exact.stream().reduce(BigDecimal.ZERO, BigDecimal::add).movePointRight(digits)
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return Math.abs(rounded - target) > tolerance ? null : allocate(exact, target, digits);
    }

    /** Each of {@code exact} (in major units) in minor units of {@code digits}, adding up to {@code target}. */
    static List<Long> allocate(final List<BigDecimal> exact, final long target, final int digits) {
        final List<Long> rounded = new ArrayList<>();
        final List<BigDecimal> residual = new ArrayList<>();
        for (final BigDecimal amount : exact) {
            final BigDecimal scaled = amount.movePointRight(digits);
            final long minor = scaled.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            rounded.add(minor);
            residual.add(scaled.subtract(BigDecimal.valueOf(minor))); // > 0: rounded down
        }
        long missing = target - rounded.stream().mapToLong(Long::longValue).sum();
        final Comparator<Integer> furthestDown = Comparator.comparing((Integer i) -> residual.get(i)).reversed().thenComparing(i -> i);
        final Comparator<Integer> furthestUp = Comparator.comparing((Integer i) -> residual.get(i)).thenComparing(i -> i);
        final List<Integer> order = IntStream.range(0, exact.size()).boxed().sorted(missing > 0 ? furthestDown : furthestUp).toList();
        for (int n = 0; missing != 0 && !order.isEmpty(); n = (n + 1) % order.size()) {
            final int i = order.get(n);
            rounded.set(i, rounded.get(i) + Long.signum(missing));
            missing -= Long.signum(missing);
        }
        return rounded;
    }
}
