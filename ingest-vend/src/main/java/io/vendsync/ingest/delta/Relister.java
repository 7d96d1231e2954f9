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
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the deletions Vend does not list: the 2.0 lists of price book entries, price books, taxes and payment types take
 * no {@code deleted=true}, so a deleted row just stops being listed, and no version-cursor read ({@link DeltaReader}) can
 * see it go. Each such collection is listed whole now and then; a row published before and missing from two complete
 * listings in a row is published as deleted.
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
    /** Per entity, the ids the last complete listing missed: a second miss in a row is a deletion. Read by the reader thread only. */
    private final Map<String, Set<String>> suspected = new HashMap<>();

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
     * publishes the deletion of each record published before ({@link ListedRecords}) that two complete listings in a row
     * have missed: its last JSON with {@code deleted_at} (op=d), so the mappers take it as Vend's own soft delete.
     * Two, because one answer can be wrong without saying so (a lagging replica, a cache, a write not yet visible); a
     * listing with a record it cannot identify, or none at all where records were published, decides nothing. The
     * deletion's version is the highest Vend version this store has shown (any cursor), one Vend has handed out already,
     * so no later change of a product it prices can read as older (or one above the record's own, when that is higher).
     * A record listed again after such a deletion is published again above it; one listed at a newer version than
     * published, at or below the delta cursor (a write that committed late, below versions already read), is published
     * too. Records never published are only remembered: the delta reads publish them (or published them before this
     * store kept its listed records).
     */
    public DeltaReader.ReadResult relist(final String entity) throws InterruptedException {
        final String topic = topics.raw(entity).name();
        final Map<String, VendChange> known = listed.of(entity);
        final Set<String> present = new HashSet<>();
        final int size = VendCollections.pageSize(entity, pageSize);
        long after = 0;
        int pages = 0;
        int unidentified = 0;
        int restored = 0;
        while (true) {
            final VendPage page = vend.readPage(entity, after, size);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            final List<VendChangeEvent> updates = new ArrayList<>();
            final Map<String, VendChange> remembered = new HashMap<>();
            for (final JsonNode record : page.records()) {
                final String key = record.isObject() ? RecordKeys.keyOf(entity, record) : "";
                if (key.isBlank() || !record.path("version").canConvertToLong()) {
                    unidentified++;
                    if (!key.isBlank()) {
                        present.add(key);
                    }
                    continue;
                }
                present.add(key);
                final VendChange held = remembered.containsKey(key) ? remembered.get(key) : known.get(key);
                final long version = record.path("version").asLong();
                if (held != null && held.getOp() == Op.d) {
                    // Deleted by an earlier listing and listed again: published again above that deletion.
                    final ObjectNode again = record.deepCopy();
                    again.put("version", Math.max(version, Math.max(highestSeen(after), held.getSource().getVersion() + 1)));
                    final VendChangeEvent event = events.create(entity, topic, again, "relist", false);
                    updates.add(event);
                    updates.add(new VendChangeEvent(listed.key(entity, key), event.value(), listedTopic));
                    remembered.put(key, event.value());
                    restored++;
                } else if (held == null || held.getSource().getVersion() < version) {
                    final VendChangeEvent read = events.create(entity, topic, record, "relist", held == null);
                    if (held != null && version <= cursors.version(domainPrefix, entity)) {
                        // A change the delta reads have passed without seeing it (a write that committed late): published.
                        updates.add(read);
                    }
                    updates.add(new VendChangeEvent(listed.key(entity, key), read.value(), listedTopic));
                    remembered.put(key, read.value());
                }
            }
            if (!updates.isEmpty()) {
                publisher.publishPage(updates, List.of(), null);
                remembered.forEach((id, change) -> listed.remember(entity, id, change));
            }
            if (page.maxVersion() <= after) {
                throw new IllegalStateException("Vend " + entity + " page after " + after + " did not advance the version cursor");
            }
            after = page.maxVersion();
        }
        final List<String> missing = known.entrySet().stream()
                .filter(e -> e.getValue().getOp() != Op.d && !present.contains(e.getKey())).map(Map.Entry::getKey).sorted().toList();
        final Set<String> missedBefore = suspected.getOrDefault(entity, Set.of());
        if (unidentified > 0 || present.isEmpty() && !missing.isEmpty()) {
            LOG.warn("Listed Vend {} whole, but {}: taken as an incomplete answer, nothing is taken as deleted this time", entity,
                    unidentified > 0 ? unidentified + " record(s) could not be identified" : "it listed none of the "
                            + missing.size() + " published before");
            return new DeltaReader.ReadResult(entity, pages, restored, unidentified, 0, after);
        }
        final List<String> gone = missing.stream().filter(missedBefore::contains).toList();
        suspected.put(entity, missing.stream().filter(id -> !missedBefore.contains(id)).collect(Collectors.toSet()));
        if (!gone.isEmpty()) {
            final long seen = highestSeen(after);
            final String deletedAt = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)
                    .atOffset(ZoneOffset.UTC));
            final List<VendChangeEvent> deletions = new ArrayList<>();
            final Map<String, VendChange> marks = new HashMap<>();
            for (final String id : gone) {
                final VendChange held = known.get(id);
                final ObjectNode last = lastJson(held);
                last.put("deleted_at", deletedAt);
                last.put("version", Math.max(seen, held.getSource().getVersion() + 1));
                final VendChangeEvent deletion = events.create(entity, topic, last, "relist", false);
                deletions.add(deletion);
                // Kept, not forgotten: should Vend list it again, it is published again above this deletion.
                deletions.add(new VendChangeEvent(listed.key(entity, id), deletion.value(), listedTopic));
                marks.put(id, deletion.value());
            }
            publisher.publishPage(deletions, List.of(), null);
            marks.forEach((id, deletion) -> listed.remember(entity, id, deletion));
            LOG.info("Listed Vend {} whole: {} record(s) published before were missing from two listings in a row, published as "
                    + "deleted: {}", entity, gone.size(), gone);
        }
        return new DeltaReader.ReadResult(entity, pages, gone.size() + restored, 0, 0, after);
    }

    /** The highest Vend version this store has shown: a listing's end, or any entity's cursor. */
    private long highestSeen(final long listedTo) {
        return Math.max(listedTo, cursors.highest(domainPrefix));
    }

    private static ObjectNode lastJson(final VendChange change) {
        try {
            return (ObjectNode) JSON.readTree(change.getAfter());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("The listed record " + change.getAfter() + " is not a JSON object", e);
        }
    }
}
