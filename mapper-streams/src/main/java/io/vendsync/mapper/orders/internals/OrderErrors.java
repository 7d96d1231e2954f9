package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.vend.VendSale;
import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.List;

/** The validation errors of a sale that cannot become an order yet; each keyed by the sale id, the sale as payload. */
final class OrderErrors {

    private final String sourceTopic;
    private final VendSale sale;
    private final long detectedTsMs;

    OrderErrors(final String sourceTopic, final VendSale sale, final long detectedTsMs) {
        this.sourceTopic = sourceTopic;
        this.sale = sale;
        this.detectedTsMs = detectedTsMs;
    }

    ValidationError error(final String code, final String reason, final List<String> candidates, final String fix) {
        return ValidationError.newBuilder()
                .setCode(code)
                .setReason("Vend sale " + sale.id() + " (" + sale.invoiceNumber() + "): " + reason + "; the order waits until this is resolved")
                .setEntity("sales")
                .setSourceTopic(sourceTopic)
                .setSourceKey(sale.id())
                .setSourceVersion(sale.version())
                .setCandidates(candidates)
                .setSuggestedFix(fix)
                .setPayload(JsonSerde.toJson(sale))
                .setDetectedTsMs(detectedTsMs)
                .build();
    }

    ValidationError error(final ErrorCode code, final String reason, final List<String> candidates, final String fix) {
        return error(code.name(), reason, candidates, fix);
    }
}
