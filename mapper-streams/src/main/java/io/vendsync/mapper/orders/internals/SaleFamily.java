package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.vend.VendSale;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A sale and the Vend returns made of it, keyed by the original sale's id: what a return is checked against (is its
 * original known, does it return more than was sold once the earlier returns are counted). Only a summary of each
 * member is kept: quantities per product, not the whole sale.
 */
public record SaleFamily(Member original, SortedMap<String, Member> returns) {

    public static final SaleFamily EMPTY = new SaleFamily(null, new TreeMap<>());

    /** One sale of the family: its units per Vend product (positive, a return's too). */
    public record Member(String id, String invoiceNumber, String status, long saleDateMs, SortedMap<String, BigDecimal> units) {

        /**
         * A sale as its family counts it: an original by the units it sold (its positive lines), a return by the units it
         * returned (its negative lines: the new items of an exchange are sold, not returned).
         */
        public static Member of(final VendSale sale) {
            return of(sale, sale.returnFor() == null ? 1 : -1);
        }

        /** An exchange as the original of its own returns: the new items it sold. */
        public static Member soldBy(final VendSale sale) {
            return of(sale, 1);
        }

        private static Member of(final VendSale sale, final int sign) {
            final SortedMap<String, BigDecimal> units = new TreeMap<>();
            sale.lines().stream().filter(line -> line.quantity().signum() == sign)
                    .forEach(line -> units.merge(line.productId(), line.quantity().abs(), BigDecimal::add));
            return new Member(sale.id(), sale.invoiceNumber(), sale.status(), sale.saleDateMs(), units);
        }

        /** A return counts once Vend has closed it (a parked return may still be changed or abandoned). */
        boolean counts() {
            return OrderBuilder.phase(status, null) == OrderBuilder.Phase.CLOSED;
        }
    }

    public SaleFamily {
        returns = returns == null ? new TreeMap<>() : new TreeMap<>(returns);
    }

    /** The family key of a sale: the original's id for a return, its own id otherwise. */
    public static String keyOf(final VendSale sale) {
        return sale.returnFor() != null ? sale.returnFor() : sale.id();
    }

    public SaleFamily with(final VendSale sale) {
        if (sale.returnFor() == null) {
            return new SaleFamily(Member.of(sale), returns);
        }
        final TreeMap<String, Member> copy = new TreeMap<>(returns);
        copy.put(sale.id(), Member.of(sale));
        return new SaleFamily(original, copy);
    }

    /**
     * This family with {@code original} as its original when it has none: the original of a return of an exchange is
     * the exchange, which its own original's family holds as a return.
     */
    public SaleFamily orOriginal(final Member exchange) {
        return original != null || exchange == null ? this : new SaleFamily(exchange, returns);
    }

    public SaleFamily without(final VendSale sale) {
        if (sale.returnFor() == null) {
            return new SaleFamily(null, returns);
        }
        final TreeMap<String, Member> copy = new TreeMap<>(returns);
        copy.remove(sale.id());
        return new SaleFamily(original, copy);
    }

    /**
     * Units of each product {@code ret} returns beyond what the original sold less what the closed returns before it
     * (by sale date, then id) returned; empty when it fits. Ordered so that of two returns that together exceed the sale
     * the later one is reported, whichever arrives first.
     */
    public SortedMap<String, BigDecimal> excess(final Member ret) {
        final Comparator<Member> order = Comparator.comparingLong(Member::saleDateMs).thenComparing(Member::id);
        final SortedMap<String, BigDecimal> left = new TreeMap<>(original.units());
        returns.values().stream().filter(Member::counts).filter(other -> order.compare(other, ret) < 0)
                .forEach(other -> other.units().forEach((product, units) -> left.merge(product, units.negate(), BigDecimal::add)));
        final SortedMap<String, BigDecimal> excess = new TreeMap<>();
        for (final Map.Entry<String, BigDecimal> returned : ret.units().entrySet()) {
            final BigDecimal over = returned.getValue().subtract(left.getOrDefault(returned.getKey(), BigDecimal.ZERO));
            if (over.signum() > 0) {
                excess.put(returned.getKey(), over);
            }
        }
        return excess;
    }
}
