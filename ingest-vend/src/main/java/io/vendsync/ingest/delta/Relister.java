package io.vendsync.ingest.delta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.ingest.IngestTopics;
import io.vendsync.ingest.publish.ChangeEventFactory;
import io.vendsync.ingest.publish.RawPublisher;
import io.vendsync.ingest.publish.RecordKeys;
import io.vendsync.ingest.publish.VendChangeEvent;
import io.vendsync.ingest.vend.VendApiClient;
import io.vendsync.ingest.vend.VendCollections;
import io.vendsync.ingest.vend.VendPage;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.raw.VendChange;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the deletions Vend does not list: the 2.0 lists of price book entries, price books, taxes and payment types take
 * no {@code deleted=true}, so a deleted row just stops being listed, and no version-cursor read ({@link DeltaReader}) can
 * see it go. Each such collection is listed whole now and then; a row published before and missing from the listing is
 * published as deleted.
 */
public final class Relister {

    private static final Logger LOG = LoggerFactory.getLogger(Relister.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VendApiClient vend;
    private final RawPublisher publisher;
    private final CursorStore cursors;
    private final ListedRecords listed;
    private final ChangeEventFactory events;
    private final Topics topics;
    private final String listedTopic;
    private final String domainPrefix;
    private final int pageSize;
    private final Clock clock;

    public Relister(final VendApiClient vend, final RawPublisher publisher, final CursorStore cursors, final ListedRecords listed,
                    final Topics topics, final String domainPrefix, final int pageSize, final Clock clock) {
        this.vend = vend;
        this.publisher = publisher;
        this.cursors = cursors;
        this.listed = listed;
        this.events = new ChangeEventFactory(domainPrefix, clock);
        this.topics = topics;
        this.listedTopic = IngestTopics.of(topics).listed.name();
        this.domainPrefix = domainPrefix;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /**
     * Lists a collection whose deleted records Vend does not list (2.0 takes no {@code deleted=true} there) whole, and
     * publishes the deletion of each record published before ({@link ListedRecords}) that is no longer listed: its last
     * JSON with {@code deleted_at} (op=d), so the mappers take it as Vend's own soft delete. Its version is the highest
     * Vend version this store has read (any cursor), a version Vend has already handed out, so no later change of a
     * product it prices can be taken as older; or one above the record's own when that is higher. Records listed that
     * were never published (changed after the last delta read) are only remembered: the next delta read publishes them.
     */
    public DeltaReader.ReadResult relist(final String entity) throws InterruptedException {
        final Map<String, JsonNode> now = new HashMap<>();
        final int size = VendCollections.pageSize(entity, pageSize);
        long after = 0;
        int pages = 0;
        while (true) {
            final VendPage page = vend.readPage(entity, after, size);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            for (final JsonNode record : page.records()) {
                final String key = RecordKeys.keyOf(entity, record);
                if (!key.isBlank() && record.path("version").canConvertToLong()) {
                    now.merge(key, record, (held, read) -> read.path("version").asLong() >= held.path("version").asLong() ? read : held);
                }
            }
            if (page.maxVersion() <= after) {
                throw new IllegalStateException("Vend " + entity + " page after " + after + " did not advance the version cursor");
            }
            after = page.maxVersion();
        }
        final String topic = topics.raw(entity).name();
        final long seen = Math.max(after, cursors.highest(domainPrefix));
        final String deletedAt = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)
                .atOffset(ZoneOffset.UTC));
        final List<VendChangeEvent> published = new ArrayList<>();
        final List<String> gone = new ArrayList<>();
        final Map<String, VendChange> listedNow = new HashMap<>();
        final Map<String, VendChange> known = listed.of(entity);
        for (final Map.Entry<String, VendChange> held : known.entrySet()) {
            if (!now.containsKey(held.getKey())) {
                final ObjectNode last = lastJson(held.getValue());
                last.put("deleted_at", deletedAt);
                last.put("version", Math.max(seen, held.getValue().getSource().getVersion() + 1));
                published.add(events.create(entity, topic, last, "relist", false));
                published.add(new VendChangeEvent(listed.key(entity, held.getKey()), null, listedTopic));
                gone.add(held.getKey());
            }
        }
        for (final Map.Entry<String, JsonNode> live : now.entrySet()) {
            final VendChange held = known.get(live.getKey());
            if (held == null || held.getSource().getVersion() < live.getValue().path("version").asLong()) {
                final VendChange read = events.create(entity, topic, live.getValue(), "relist", true).value();
                published.add(new VendChangeEvent(listed.key(entity, live.getKey()), read, listedTopic));
                listedNow.put(live.getKey(), read);
            }
        }
        if (!published.isEmpty()) {
            publisher.publishPage(published, List.of(), null);
            gone.forEach(id -> listed.forget(entity, id));
            listedNow.forEach((id, read) -> listed.remember(entity, id, read));
        }
        if (!gone.isEmpty()) {
            LOG.info("Listed Vend {} whole: {} record(s) published before are no longer listed, published as deleted: {}",
                    entity, gone.size(), gone.stream().sorted().toList());
        }
        return new DeltaReader.ReadResult(entity, pages, gone.size(), 0, 0, after);
    }

    private static ObjectNode lastJson(final VendChange change) {
        try {
            return (ObjectNode) JSON.readTree(change.getAfter());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("The listed record " + change.getAfter() + " is not a JSON object", e);
        }
    }
}
