package io.vendsync.mapper.products;

import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.List;

/** What one family decision publishes: the product record (null when the family is not published now) and the errors. */
public record FamilyOutcome(Product product, List<ValidationError> errors) {

    public FamilyOutcome {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
