package io.vendsync.simulator;

import java.util.List;
import java.util.Set;

/** Which 2.0 collections the simulator serves, and how (reference section 4 and 5). */
final class SimCollections {
    /** Collections kept as JSON documents; outlets, products and inventory have typed records. */
    static final List<String> DOCUMENTS = List.of("registers", "taxes", "payment_types", "customer_groups", "customers",
            "brands", "suppliers", "product_types", "outlet_taxes", "price_books", "price_book_products", "consignments",
            "sales");

    /** Where 2.0 accepts {@code deleted=true} (reference 4); elsewhere a soft-deleted record is never listed. */
    static final Set<String> DELETED_PARAMETER = Set.of("products", "customers", "customer_groups", "outlets",
            "registers", "brands", "outlet_taxes");

    /** Collections whose 2.0 objects carry created_at / updated_at. */
    static final Set<String> TIMESTAMPED = Set.of("customers", "customer_groups", "price_books", "price_book_products",
            "consignments", "sales");

    /**
     * Collections whose 2.0 objects have no {@code id}: an outlet tax is {@code {outlet_id, product_id, tax_id,
     * deleted_at, version}} (reference 5.2), identified by its product and outlet. The simulator keys them internally.
     */
    static final Set<String> WITHOUT_ID = Set.of("outlet_taxes");

    private SimCollections() {
    }
}
