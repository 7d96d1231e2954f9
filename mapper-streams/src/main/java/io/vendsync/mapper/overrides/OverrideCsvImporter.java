package io.vendsync.mapper.overrides;

import io.vendsync.mapper.identity.Sku;
import io.vendsync.mapper.identity.Skus;
import io.vendsync.mapper.internals.ChannelKeys;
import io.vendsync.schemas.mapping.CustomerLink;
import io.vendsync.schemas.mapping.MappingOrigin;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductSkuOverride;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads explicit mappings from a CSV file (RFC 4180), validated with the rules the mapper applies, so what
 * is imported is also what the mapper uses. Two files are understood, told apart by their header:
 * <pre>
 * vend_product_id,commercetools_sku      -> product SKU overrides
 * vend_outlet_id,channel_key             -> outlet channel overrides
 * vend_customer_id,commercetools_customer_id -> customer links (the existing commercetools customer a Vend customer is)
 * </pre>
 * Every bad line is reported with its line number, and any bad line fails the whole file: a half-applied
 * mapping file would leave the catalog in a state nobody wrote down. Values are taken exactly as written;
 * whitespace in them is an error (with the likely intended value), never silently trimmed. An id listed
 * twice, or one commercetools SKU given to two products, is an error too. Removing an override is not
 * done here (publish a tombstone).
 */
public final class OverrideCsvImporter {

    private final Skus skus;

    /** {@code skus}: the mapper's SKU rules ({@code sku.case}), used to find two products mapped to one SKU. */
    public OverrideCsvImporter(final Skus skus) {
        this.skus = Objects.requireNonNull(skus, "skus");
    }

    /**
     * @param source named in each record's {@code origin}, e.g. the file name
     */
    public OverrideImport read(final String source, final Reader csv) throws IOException {
        final List<CsvReader.CsvRecord> records = CsvReader.read(csv);
        if (records.isEmpty()) {
            return OverrideImport.failed(null, List.of(new LineError(1, "the file is empty; expected a header "
                    + OverrideImport.expectedHeaders())));
        }
        final CsvReader.CsvRecord header = records.get(0);
        final OverrideImport.Kind kind = header.isValid() ? kindOf(header.fields()) : null;
        if (kind == null) {
            return OverrideImport.failed(null, List.of(new LineError(header.line(), "the header is "
                    + (header.isValid() ? "'" + String.join(",", header.fields()) + "'" : "unreadable (" + header.error() + ")")
                    + "; expected " + OverrideImport.expectedHeaders())));
        }
        final List<CsvReader.CsvRecord> rows = records.subList(1, records.size());
        if (rows.isEmpty()) {
            return OverrideImport.failed(kind, List.of(new LineError(header.line(), "there are no lines after the header")));
        }

        final List<LineError> errors = new ArrayList<>();
        final List<ProductSkuOverride> productSkus = new ArrayList<>();
        final List<OutletChannel> outletChannels = new ArrayList<>();
        final List<CustomerLink> customerLinks = new ArrayList<>();
        final Map<String, Integer> lineOfId = new HashMap<>();
        final Map<String, Integer> lineOfSku = new HashMap<>(); // or of a commercetools customer id
        for (final CsvReader.CsvRecord row : rows) {
            final List<String> problems = new ArrayList<>();
            if (!row.isValid()) {
                problems.add(row.error());
            } else if (row.fields().size() != 2) {
                problems.add("has " + row.fields().size() + " fields, expected 2 (" + kind.header() + ")");
            } else {
                final String id = row.fields().get(0);
                final String value = row.fields().get(1);
                checkId(kind.idColumn(), id, problems);
                final Integer idSeen = lineOfId.putIfAbsent(id, row.line());
                if (idSeen != null) {
                    problems.add(kind.idColumn() + " " + id + " is already on line " + idSeen);
                }
                final String origin = "csv:" + source + " line " + row.line();
                if (kind == OverrideImport.Kind.PRODUCT_SKU) {
                    final Sku sku = checkSku(value, problems);
                    if (sku != null) {
                        final Integer skuSeen = lineOfSku.putIfAbsent(sku.value(), row.line());
                        if (skuSeen != null) {
                            problems.add("commercetools_sku '" + value + "' is also given on line " + skuSeen
                                    + "; two products cannot share one commercetools SKU");
                        }
                    }
                    productSkus.add(ProductSkuOverride.newBuilder().setProductId(id).setSku(value).setOrigin(origin).build());
                } else if (kind == OverrideImport.Kind.CUSTOMER_LINK) {
                    checkId(kind.valueColumn(), value, problems);
                    final Integer linkSeen = lineOfSku.putIfAbsent(value, row.line());
                    if (linkSeen != null) {
                        problems.add("commercetools_customer_id " + value + " is also given on line " + linkSeen
                                + "; two Vend customers cannot be one commercetools customer");
                    }
                    customerLinks.add(CustomerLink.newBuilder().setCustomerId(id).setCommercetoolsCustomerId(value)
                            .setOrigin(origin).build());
                } else {
                    if (!ChannelKeys.isValid(value)) {
                        problems.add("channel_key '" + value + "' is not a commercetools key (2 to 256 of A-Z a-z 0-9 _ -)");
                    }
                    outletChannels.add(OutletChannel.newBuilder().setOutletId(id).setChannelKey(value)
                            .setOrigin(MappingOrigin.EXPLICIT).setOutletName(null).build());
                }
            }
            problems.forEach(problem -> errors.add(new LineError(row.line(), problem)));
        }
        return errors.isEmpty() ? new OverrideImport(kind, productSkus, outletChannels, customerLinks, List.of())
                : OverrideImport.failed(kind, errors);
    }

    private static OverrideImport.Kind kindOf(final List<String> header) {
        final String names = String.join(",", header.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList());
        for (final OverrideImport.Kind kind : OverrideImport.Kind.values()) {
            if (kind.header().equals(names)) {
                return kind;
            }
        }
        return null;
    }

    private void checkId(final String column, final String id, final List<String> problems) {
        final Sku asWritten = skus.normalise(id); // the same whitespace rule; the id's case is never changed
        if (asWritten.isMissing()) {
            problems.add(column + " is empty");
        } else if (asWritten.hasWhitespace()) {
            problems.add(column + " '" + id + "' has whitespace");
        }
    }

    /** The normalised SKU, or null (with the problem added) when it cannot be used. */
    private Sku checkSku(final String value, final List<String> problems) {
        final Sku sku = skus.normalise(value);
        if (sku.isMissing()) {
            problems.add("commercetools_sku is empty");
            return null;
        }
        if (sku.hasWhitespace()) {
            problems.add("commercetools_sku '" + value + "' has whitespace; did you mean '" + sku.suggestion() + "'?");
            return null;
        }
        return sku;
    }
}
