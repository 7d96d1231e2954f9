package io.vendsync.mapper.orders.internals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Vend keeps line amounts at five decimals and rounds only the sale's totals (4.95 incl. 15% tax is 4.30435 net), so
 * rounding each line on its own can miss the total by a cent or more. This hands out the sale's rounded total to its
 * parts by the largest remainder: each part gets its amount rounded down to the minor unit, and the units still missing
 * go, one each, to the parts with the largest remainders (ties to the earlier part). The parts then add up to the total
 * exactly, and none is more than one minor unit from Vend's own figure.
 */
final class MinorUnits {

    private MinorUnits() {
    }

    /** Minor units of {@code amount}, half-even: how a total is rounded. */
    static long round(final BigDecimal amount, final int fractionDigits) {
        return amount.movePointRight(fractionDigits).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** Minor units of the sum of {@code amounts}, half-even. */
    static long roundedSum(final List<BigDecimal> amounts, final int fractionDigits) {
        return round(amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add), fractionDigits);
    }

    /**
     * {@code total} split over {@code amounts} as described above; null when it cannot be done within one minor unit per
     * part (the amounts do not add up to the total), so the caller keeps each part rounded on its own.
     */
    static long[] allocate(final List<BigDecimal> amounts, final int fractionDigits, final long total) {
        final int count = amounts.size();
        final long[] parts = new long[count];
        final List<Integer> byRemainder = new ArrayList<>();
        final BigDecimal[] remainders = new BigDecimal[count];
        long allocated = 0;
        for (int i = 0; i < count; i++) {
            final BigDecimal scaled = amounts.get(i).movePointRight(fractionDigits);
            parts[i] = scaled.setScale(0, RoundingMode.FLOOR).longValueExact();
            remainders[i] = scaled.subtract(BigDecimal.valueOf(parts[i]));
            allocated += parts[i];
            byRemainder.add(i);
        }
        final long missing = total - allocated;
        if (missing < 0 || missing > count) {
            return null;
        }
        byRemainder.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i));
        for (int n = 0; n < missing; n++) {
            parts[byRemainder.get(n)]++;
        }
        return parts;
    }
}
