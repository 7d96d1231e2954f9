package io.vendsync.mapper.internals;

import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.raw.VendChange;
import java.util.List;

/** Builds the {@link ValidationError} records the mapper publishes, so every one carries the same context. */
public final class ValidationErrors {

    private ValidationErrors() {
    }

    /** A raw record that could not be read; the payload is kept verbatim so nothing is lost. */
    public static ValidationError payloadInvalid(final String sourceTopic, final String entity, final String key,
                                                 final VendChange change, final String reason, final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(ErrorCode.PAYLOAD_INVALID.name())
                .setReason("Cannot read Vend " + entity + " record: " + reason)
                .setEntity(entity)
                .setSourceTopic(sourceTopic)
                .setSourceKey(key)
                .setSourceVersion(change == null || change.getSource() == null ? null : change.getSource().getVersion())
                .setCandidates(List.of())
                .setSuggestedFix("Fix the producer of this record; it is not mapped until a valid newer version arrives.")
                .setPayload(change == null ? null : change.getAfter())
                .setDetectedTsMs(detectedTsMs)
                .build();
    }

    /** An inventory record that is readable but cannot be mapped (yet). */
    public static ValidationError unmappable(final ErrorCode code, final String reason, final String suggestedFix,
                                             final String sourceTopic, final VendInventory inventory,
                                             final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(code.name())
                .setReason(reason)
                .setEntity("inventory")
                .setSourceTopic(sourceTopic)
                .setSourceKey(inventory.id())
                .setSourceVersion(inventory.version())
                .setCandidates(List.of())
                .setSuggestedFix(suggestedFix)
                .setPayload(JsonSerde.toJson(inventory))
                .setDetectedTsMs(detectedTsMs)
                .build();
    }

    /** An operator override the mapper ignores. */
    public static ValidationError overrideInvalid(final String sourceTopic, final String outletId,
                                                  final OutletChannel override, final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(ErrorCode.OVERRIDE_INVALID.name())
                .setReason("Outlet " + outletId + " override has channel key '" + override.getChannelKey()
                        + "', which commercetools refuses (allowed: " + ChannelKeys.VALID_KEY.pattern()
                        + "); the derived mapping applies instead")
                .setEntity("outlet-channel")
                .setSourceTopic(sourceTopic)
                .setSourceKey(outletId)
                .setSourceVersion(null)
                .setCandidates(List.of())
                .setSuggestedFix("Publish a corrected override for outlet " + outletId + ", or a tombstone to remove it.")
                .setPayload(override.toString())
                .setDetectedTsMs(detectedTsMs)
                .build();
    }
}
