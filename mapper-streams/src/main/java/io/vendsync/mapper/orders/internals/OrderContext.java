package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendRegister;
import io.vendsync.mapper.vend.VendPaymentType;
import io.vendsync.mapper.vend.VendTax;
import io.vendsync.mapper.vend.VendTaxRate;
import io.vendsync.mapper.vend.VendRetailer;
import io.vendsync.mapper.vend.VendSale;
import static io.vendsync.mapper.internals.SortedMaps.put;
import static io.vendsync.mapper.internals.SortedMaps.sorted;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The reference data orders refer to, for the whole store: outlets, their channels (mapping.outlet-channel-resolved),
 * registers, payment types, taxes and the retailer. It is small, so it is one value under one key that every sale joins;
 * each sale keeps only its {@link #sliceFor slice}, so the join's stored result stays the size of a sale and a change of
 * an unrelated register or tax leaves its output as it was. Deleted objects are kept: an old sale still names them.
 * Sorted maps keep the JSON, and so the join's hashes, deterministic.
 */
public record OrderContext(SortedMap<String, VendOutlet> outlets, SortedMap<String, String> channels,
                           SortedMap<String, VendRegister> registers,
                           SortedMap<String, VendPaymentType> paymentTypes,
                           SortedMap<String, VendTax> taxes, VendRetailer retailer) {

    public static final OrderContext EMPTY = new OrderContext(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>(), null);

    public OrderContext {
        outlets = sorted(outlets);
        channels = sorted(channels);
        registers = sorted(registers);
        paymentTypes = sorted(paymentTypes);
        taxes = sorted(taxes);
    }

    /** This context with one change applied; a channel entry without a key (a tombstone) removes the outlet's channel. */
    public OrderContext with(final OrderContextEntry entry) {
        return switch (entry.kind()) {
            case OUTLET -> new OrderContext(put(outlets, entry.id(), entry.outlet()), channels, registers, paymentTypes, taxes, retailer);
            case CHANNEL -> new OrderContext(outlets, put(channels, entry.id(), entry.channelKey()), registers, paymentTypes, taxes, retailer);
            case REGISTER -> new OrderContext(outlets, channels, put(registers, entry.id(), entry.register()), paymentTypes, taxes, retailer);
            case PAYMENT_TYPE -> new OrderContext(outlets, channels, registers, put(paymentTypes, entry.id(), entry.paymentType()), taxes,
                    retailer);
            case TAX -> new OrderContext(outlets, channels, registers, paymentTypes, put(taxes, entry.id(), entry.tax()), retailer);
            case RETAILER -> new OrderContext(outlets, channels, registers, paymentTypes, taxes, entry.retailer());
        };
    }

    /** Only what {@code sale} refers to: its outlet and channel, its register, its payments' types, its taxes, the retailer. */
    public OrderContext sliceFor(final VendSale sale) {
        final TreeMap<String, VendTax> usedTaxes = new TreeMap<>();
        for (final VendTax tax : taxes.values()) {
            final boolean named = sale.lines().stream().anyMatch(line -> tax.id().equals(line.taxId()));
            final boolean rated = tax.rates().stream().anyMatch(rate -> usesRate(sale, rate.id()));
            if (named || rated) {
                usedTaxes.put(tax.id(), tax);
            }
        }
        final TreeMap<String, VendPaymentType> usedTypes = new TreeMap<>();
        sale.payments().forEach(p -> {
            if (p.paymentTypeId() != null && paymentTypes.containsKey(p.paymentTypeId())) {
                usedTypes.put(p.paymentTypeId(), paymentTypes.get(p.paymentTypeId()));
            }
        });
        return new OrderContext(only(outlets, sale.outletId()), only(channels, sale.outletId()), only(registers, sale.registerId()),
                usedTypes, usedTaxes, retailer);
    }

    /** The component rate {@code rateId} and the tax it belongs to, or null. */
    public Map.Entry<VendTax, VendTaxRate> rate(final String rateId) {
        for (final VendTax tax : taxes.values()) {
            for (final VendTaxRate rate : tax.rates()) {
                if (java.util.Objects.equals(rate.id(), rateId)) { // a rate without an id names nothing
                    return Map.entry(tax, rate);
                }
            }
        }
        return null;
    }

    private static boolean usesRate(final VendSale sale, final String rateId) {
        return sale.taxes().stream().anyMatch(t -> t.rateId().equals(rateId))
                || sale.lines().stream().anyMatch(l -> l.taxComponents().stream().anyMatch(t -> t.rateId().equals(rateId)))
                || sale.adjustments().stream().anyMatch(a -> a.taxComponents().stream().anyMatch(t -> t.rateId().equals(rateId)));
    }

    private static <V> SortedMap<String, V> only(final SortedMap<String, V> map, final String key) {
        final TreeMap<String, V> one = new TreeMap<>();
        if (key != null && map.containsKey(key)) {
            one.put(key, map.get(key));
        }
        return one;
    }
}
