package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.List;

/** Builds the price mapper's {@link ValidationError} records. */
final class PriceErrors {

    private PriceErrors() {
    }

    static ValidationError of(final ErrorCode code, final String entity, final String sourceTopic, final String sourceKey,
                              final Long sourceVersion, final String reason, final List<String> candidates,
                              final String suggestedFix, final Object payload, final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(code.name())
                .setReason(reason)
                .setEntity(entity)
                .setSourceTopic(sourceTopic)
                .setSourceKey(sourceKey)
                .setSourceVersion(sourceVersion)
                .setCandidates(List.copyOf(candidates))
                .setSuggestedFix(suggestedFix)
                .setPayload(payload == null ? null : JsonSerde.toJson(payload))
                .setDetectedTsMs(detectedTsMs)
                .build();
    }
}
