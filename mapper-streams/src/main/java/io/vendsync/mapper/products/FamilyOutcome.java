package io.vendsync.mapper.products;

import io.vendsync.mapper.internals.Fingerprint;

import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.List;

/** What one family decision publishes: the product record (null when the family is not published now) and the errors. */
public record FamilyOutcome(Product product, List<ValidationError> errors) {

    public FamilyOutcome {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * What the outcome says, without when it was seen: the product without its source version and time, the errors
     * without their detection time. An outlet edit raises every family's version (outlets are among its sources) while
     * most families read the same; with this as the emit-on-change fingerprint they are not published again.
     */
    public String fingerprint() {
        final Fingerprint print = new Fingerprint().add(product == null ? null
                : Product.newBuilder(product).setSourceVersion(0L).setSourceTsMs(0L).build());
        errors.forEach(error -> print.add(ValidationError.newBuilder(error).setDetectedTsMs(0L).build()));
        return print.toString();
    }
}
