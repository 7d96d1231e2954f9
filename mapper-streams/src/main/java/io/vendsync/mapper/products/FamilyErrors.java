package io.vendsync.mapper.products;

import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.List;

/** The validation errors of the product mapper; entity {@code products}, keyed by the family or product id they concern. */
final class FamilyErrors {

    private final String sourceTopic;

    FamilyErrors(final String sourceTopic) {
        this.sourceTopic = sourceTopic;
    }

    ValidationError of(final ErrorCode code, final String key, final long version, final String reason,
                       final List<String> candidates, final String suggestedFix, final Object payload, final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(code.name())
                .setReason(reason)
                .setEntity("products")
                .setSourceTopic(sourceTopic)
                .setSourceKey(key)
                .setSourceVersion(version)
                .setCandidates(candidates)
                .setSuggestedFix(suggestedFix)
                .setPayload(payload == null ? null : JsonSerde.toJson(payload))
                .setDetectedTsMs(detectedTsMs)
                .build();
    }
}
