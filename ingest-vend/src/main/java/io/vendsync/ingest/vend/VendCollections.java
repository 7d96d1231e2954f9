package io.vendsync.ingest.vend;

import java.util.List;
import java.util.Set;

/** What Vend's 2.0 collections accept, per the reference (section 4 and 5). */
public final class VendCollections {

    /** Collections where 2.0 takes {@code deleted=true}; sales, inventory, taxes, ... list no such parameter. */
    private static final Set<String> DELETED_PARAMETER = Set.of("products", "customers", "customer_groups", "outlets",
            "registers", "brands", "outlet_taxes");

    /**
     * Vend's page_size caps: 10,000 for every 2.0 collection except sales, capped at 500 (reference 4, a govend
     * comment: "capped at ten thousand for all endpoints except sales which it is capped at five hundred").
     */
    static final int MAX_PAGE_SIZE = 10_000;
    static final int SALES_MAX_PAGE_SIZE = 500;

    /**
     * Collections whose 2.0 list takes no {@code deleted=true} and whose records are deleted in Vend, so only listing
     * them whole finds a deletion (sales are voided, not deleted; inventory records go with their product).
     */
    public static final List<String> WITHOUT_DELETED_PARAMETER = List.of("price_book_products", "price_books", "taxes",
            "payment_types");

    /** Single objects rather than version-cursor collections. */
    private static final Set<String> SINGLE_OBJECTS = Set.of("retailer");

    private VendCollections() {
    }

    /** Whether reads of the collection ask for soft-deleted records too. */
    public static boolean supportsDeleted(final String entity) {
        return DELETED_PARAMETER.contains(entity);
    }

    /** The page_size to ask for: the configured one, within the collection's cap. */
    public static int pageSize(final String entity, final int configured) {
        return Math.min(configured, "sales".equals(entity) ? SALES_MAX_PAGE_SIZE : MAX_PAGE_SIZE);
    }

    /** Whether the entity is one object ({@code GET /api/2.0/retailer}) with no version cursor. */
    public static boolean isSingleObject(final String entity) {
        return SINGLE_OBJECTS.contains(entity);
    }
}
