package io.vendsync.ingest.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.raw.VendSource;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Turns one Vend API 2.0 object into a Debezium-style envelope. */
public final class ChangeEventFactory {

    private final String domainPrefix;
    private final Clock clock;

    public ChangeEventFactory(final String domainPrefix, final Clock clock) {
        this.domainPrefix = domainPrefix;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException when the object lacks the id or version every 2.0 object has
     */
    public VendChangeEvent create(final String entity, final String topic, final JsonNode record, final String trigger,
                                  final boolean snapshot) {
        final JsonNode version = record.path("version");
        if (!version.canConvertToLong()) {
            throw new IllegalArgumentException("Vend " + entity + " record " + record.path("id").asText("(no id)")
                    + " has no numeric version");
        }
        return create(entity, topic, record, trigger, snapshot, version.asLong());
    }

    /**
     * For objects without a version of their own (the retailer): the caller supplies the version.
     *
     * @throws IllegalArgumentException when the object has no id
     */
    public VendChangeEvent create(final String entity, final String topic, final JsonNode record, final String trigger,
                                  final boolean snapshot, final long version) {
        final String id = RecordKeys.keyOf(entity, record);
        if (id.isBlank()) {
            throw new IllegalArgumentException("Vend " + entity + " record has no id");
        }
        final boolean deleted = deleted(record);
        final Op op = deleted ? Op.d : snapshot ? Op.r : Op.u;
        final long now = clock.millis();
        final VendSource source = VendSource.newBuilder()
                .setConnector("vend")
                .setDomainPrefix(domainPrefix)
                .setEntity(entity)
                .setVersion(version)
                .setTsMs(changedAt(record, now))
                .setTrigger(trigger)
                .setSnapshot(snapshot)
                .build();
        final VendChange change = VendChange.newBuilder()
                .setBefore(null)
                .setAfter(record.toString())
                .setOp(op)
                .setSource(source)
                .setTsMs(now)
                .build();
        return new VendChangeEvent(RecordKeys.topicKey(entity, record), change, topic);
    }

    /**
     * Vend deletes softly, setting {@code deleted_at}; a blank one is no deletion (Vend sends "" for fields it leaves
     * empty, and the mapper reads it so too): a delete would erase the customer.
     */
    private static boolean deleted(final JsonNode record) {
        return record.hasNonNull("deleted_at") && !record.get("deleted_at").asText().isBlank();
    }

    private static long changedAt(final JsonNode record, final long fallback) {
        final String updated = record.path(deleted(record) ? "deleted_at" : "updated_at").asText("");
        if (updated.isEmpty()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(updated).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
