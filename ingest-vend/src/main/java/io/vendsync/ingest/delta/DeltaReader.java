package io.vendsync.ingest.delta;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.ingest.IngestTopics;
import io.vendsync.ingest.publish.ChangeEventFactory;
import io.vendsync.ingest.publish.RawPublisher;
import io.vendsync.ingest.publish.RecordKeys;
import io.vendsync.ingest.publish.VendChangeEvent;
import io.vendsync.ingest.vend.VendApiClient;
import io.vendsync.ingest.vend.VendApiException;
import io.vendsync.ingest.vend.VendCollections;
import io.vendsync.ingest.vend.VendPage;
import io.vendsync.runtime.logging.PayloadMasker;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.ops.IngestCursor;
import io.vendsync.schemas.ops.IngestError;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Vend collection from its cursor to the end, page by page. Each page and the cursor after it
 * are published in one transaction. A read from version 0 is a snapshot (op=r); later reads are deltas.
 * A record Vend sends that we cannot use goes to the ingest-error topic and the read goes on.
 *
 * <p>The retailer is one object without a version cursor: it is read whole on every read, published as op=r
 * the first time this process reads it (and in a snapshot), then as op=u only when it changed. Its
 * {@code source.version} is the object's {@code version} when Vend sends one, else the read time in epoch
 * millis, so consumers that order by version still see the newest read last.
 *
 * <p>With a read overlap, a delta read starts that many versions below the cursor and publishes only records it has
 * not published before (see {@link OverlapWindow}); the cursor never moves backwards.
 */
public final class DeltaReader {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaReader.class);

    /** What one read did. */
    public record ReadResult(String entity, int pages, int records, int rejected, long fromVersion, long toVersion) {
    }

    /** Most (id, version) pairs remembered per entity for the read overlap. */
    static final int OVERLAP_MEMORY_PER_ENTITY = 100_000;

    private final VendApiClient vend;
    private final RawPublisher publisher;
    private final CursorStore cursors;
    private final ChangeEventFactory events;
    private final Topics topics;
    private final String domainPrefix;
    private final int pageSize;
    private final int errorBodyMaxChars;
    private final Clock clock;
    /** Largest page each collection has returned; read by the one reader thread only. */
    private final Map<String, Integer> largestPage = new HashMap<>();
    /** The single objects as last published by this process, to publish op=u only on a change. */
    private final Map<String, String> lastSingleObject = new HashMap<>();
    private final OverlapWindow overlap;
    private final PayloadMasker masker;
    /** The collections listed whole to find their deletions ({@link Relister}), and what they hold. */
    private final Set<String> relisted;
    private final ListedRecords listed;
    private final String listedTopic;

    /**
     * @param overlapVersions how far below its cursor a delta read starts (vend.read.overlap.versions); 0 is off
     * @param masker          masks personal data in a record it cannot read before the record goes on the ingest-error topic
     * @param relisted        the collections whose deletions {@link Relister} finds; each record read of them is kept in
     *                        {@code listed}, in the transaction that publishes it
     */
    public DeltaReader(final VendApiClient vend, final RawPublisher publisher, final CursorStore cursors, final Topics topics,
                       final String domainPrefix, final int pageSize, final int errorBodyMaxChars,
                       final long overlapVersions, final PayloadMasker masker, final Set<String> relisted,
                       final ListedRecords listed, final Clock clock) {
        this.masker = masker;
        this.relisted = Set.copyOf(relisted);
        this.listed = listed;
        this.listedTopic = IngestTopics.of(topics).listed.name();
        this.vend = vend;
        this.publisher = publisher;
        this.cursors = cursors;
        this.topics = topics;
        this.domainPrefix = domainPrefix;
        this.pageSize = pageSize;
        this.errorBodyMaxChars = errorBodyMaxChars;
        this.clock = clock;
        this.events = new ChangeEventFactory(domainPrefix, clock);
        this.overlap = new OverlapWindow(overlapVersions, OVERLAP_MEMORY_PER_ENTITY);
    }

    /** Reads what changed since the entity's delta cursor; from version 0 that is its first snapshot. */
    public ReadResult read(final String entity, final String trigger) throws InterruptedException {
        if (VendCollections.isSingleObject(entity)) {
            return readSingleObject(entity, trigger, false);
        }
        final long from = cursors.version(domainPrefix, entity);
        final boolean snapshot = from == 0;
        // From 0 the window starts at 0 too; reading through it remembers what the next delta's overlap will see.
        return readPages(entity, entity, from, snapshot, snapshot ? "snapshot" : trigger, ReadProgress.NONE, overlap, 0L);
    }

    /**
     * Re-reads the whole collection from version 0 as op=r, under its own cursor (see {@link SnapshotCursor}):
     * a snapshot that was interrupted continues from that cursor, and a finished one removes it, so the next
     * snapshot starts from 0 again. The delta cursor is neither read nor written.
     */
    public ReadResult snapshot(final String entity, final ReadProgress progress) throws InterruptedException {
        return snapshot(entity, progress, 0L);
    }

    /** {@link #snapshot(String, ReadProgress)} from {@code floor} on at the earliest (a backfill since a date). */
    public ReadResult snapshot(final String entity, final ReadProgress progress, final long floor) throws InterruptedException {
        if (VendCollections.isSingleObject(entity)) {
            return readSingleObject(entity, "snapshot", true);
        }
        final String cursorName = SnapshotCursor.of(entity);
        final long from = Math.max(floor, cursors.version(domainPrefix, cursorName));
        if (from > 0) {
            LOG.info("Resuming the {} snapshot after version {}", entity, from);
        }
        // Up to where the live reads' delta cursor stands, only Vend's empty page ends the snapshot: it drops its cursor
        // when done, so stopping at a page Vend cut short would leave the rest unread. Above it the deltas read anyway.
        final long delta = cursors.version(domainPrefix, entity);
        final ReadResult result = readPages(entity, cursorName, from, true, "snapshot", progress, NO_OVERLAP,
                delta > 0 ? delta : Long.MAX_VALUE);
        publisher.removeCursor(domainPrefix, cursorName);
        cursors.remove(domainPrefix, cursorName);
        return result;
    }

    private static final OverlapWindow NO_OVERLAP = new OverlapWindow(0, 0);

    /**
     * @param readToEmptyBelow the version below which only an empty page ends the read (a short page may end it at or
     *                         above); 0 for a read whose saved cursor leaves whatever a short page left to the next read
     */
    private ReadResult readPages(final String entity, final String cursorName, final long from, final boolean snapshot,
                                 final String trigger, final ReadProgress progress, final OverlapWindow window,
                                 final long readToEmptyBelow)
            throws InterruptedException {
        final String topic = topics.raw(entity).name();
        final int size = VendCollections.pageSize(entity, pageSize);
        long after = window.start(from);
        long cursor = from;
        int pages = 0;
        int records = 0;
        int rejected = 0;
        int late = 0;
        while (true) {
            final VendPage page = vend.readPage(entity, after, size);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            final List<VendChangeEvent> changes = new ArrayList<>(page.records().size());
            final List<IngestError> rejects = new ArrayList<>();
            final Set<String> inPage = new HashSet<>();
            int repeated = 0;
            for (final JsonNode record : page.records()) {
                final long version = record.path("version").asLong(after);
                final String key = RecordKeys.keyOf(entity, record);
                if (!key.isBlank() && record.path("version").isIntegralNumber() && !inPage.add(key + '@' + version)) {
                    // The same record twice in one page: one event is enough, and the read stays idempotent.
                    repeated++;
                    continue;
                }
                if (version <= from && window.published(entity, key, version)) {
                    // Already published by an earlier read; only the overlap brought it back.
                    continue;
                }
                try {
                    changes.add(events.create(entity, topic, record, trigger, snapshot));
                    window.remember(entity, key, version);
                    if (version <= from) {
                        late++;
                    }
                } catch (IllegalArgumentException e) {
                    rejects.add(reject(entity, e.getMessage(), record));
                }
            }
            final long next = page.maxVersion(); // version.max, else the records' own versions (VendPage)
            if (next <= after) {
                // A page that does not move the cursor would make us read it forever.
                throw new IllegalStateException("Vend " + entity + " page after " + after + " did not advance the version cursor");
            }
            if (!changes.isEmpty() || !rejects.isEmpty() || next > cursor) {
                // The cursor never moves backwards, also when the overlap's page ends below it.
                cursor = Math.max(cursor, next);
                publisher.publishPage(withListed(entity, changes), rejects, IngestCursor.newBuilder()
                        .setDomainPrefix(domainPrefix)
                        .setEntity(cursorName)
                        .setVersion(cursor)
                        .setUpdatedTsMs(clock.millis())
                        .build());
                remember(entity, changes);
                cursors.advance(domainPrefix, cursorName, cursor);
                window.slide(entity, cursor);
            }
            records += changes.size();
            rejected += rejects.size();
            after = next;
            progress.onPage(entity, pages, records, cursor);
            // Vend documents the empty page as the end. A read may stop earlier, on a page shorter than one this
            // collection already filled (Vend may cap page_size below what we ask): that saves the empty-page
            // request which would otherwise end every read, halving what a webhook-triggered delta costs, and a
            // page cut short for another reason only leaves the rest to the next read, from the cursor saved
            // above. Not so below readToEmptyBelow (see snapshot). The bar is the most distinct records a page held,
            // so a page padded with repeats does not raise it; a page is measured whole, as Vend's cap counts it.
            final int filled = largestPage.getOrDefault(entity, 0);
            largestPage.merge(entity, page.records().size() - repeated, Math::max);
            if (page.records().size() < filled && next >= readToEmptyBelow) {
                break;
            }
        }
        if (late > 0) {
            LOG.info("The read overlap found {} {} record(s) at or below cursor {} not published before (late commits, "
                    + "or the first read after a restart)", late, entity, from);
        }
        if (records > 0 || rejected > 0) {
            LOG.info("Read {} {} records ({} rejected) in {} pages, version {} -> {} ({})", records, entity, rejected, pages,
                    from, cursor, trigger);
        }
        return new ReadResult(entity, pages, records, rejected, from, cursor);
    }

    /** The changes, and for a relisted collection each one's copy on the listed topic (published in one transaction). */
    private List<VendChangeEvent> withListed(final String entity, final List<VendChangeEvent> changes) {
        if (!relisted.contains(entity) || changes.isEmpty()) {
            return changes;
        }
        final List<VendChangeEvent> all = new ArrayList<>(changes.size() * 2);
        all.addAll(changes);
        for (final VendChangeEvent change : changes) {
            all.add(new VendChangeEvent(listed.key(entity, change.key()), change.value().getOp() == Op.d ? null : change.value(),
                    listedTopic));
        }
        return all;
    }

    private void remember(final String entity, final List<VendChangeEvent> changes) {
        if (!relisted.contains(entity)) {
            return;
        }
        for (final VendChangeEvent change : changes) {
            if (change.value().getOp() == Op.d) {
                listed.forget(entity, change.key());
            } else {
                listed.remember(entity, change.key(), change.value());
            }
        }
    }

    private ReadResult readSingleObject(final String entity, final String trigger, final boolean snapshot)
            throws InterruptedException {
        final JsonNode body = vend.get("/api/2.0/" + entity, Map.of());
        final JsonNode data = body.path("data");
        if (!data.isObject()) {
            throw new VendApiException("Vend answered GET /api/2.0/" + entity + " without a data object", 200, null);
        }
        final String json = data.toString();
        final boolean first = !lastSingleObject.containsKey(entity);
        if (!snapshot && !first && json.equals(lastSingleObject.get(entity))) {
            return new ReadResult(entity, 1, 0, 0, 0, 0);
        }
        final long version = data.path("version").canConvertToLong() ? data.path("version").asLong() : clock.millis();
        final List<VendChangeEvent> changes = new ArrayList<>(1);
        final List<IngestError> rejects = new ArrayList<>(1);
        try {
            changes.add(events.create(entity, topics.raw(entity).name(), data, snapshot || first ? "snapshot" : trigger,
                    snapshot || first, version));
        } catch (IllegalArgumentException e) {
            rejects.add(reject(entity, e.getMessage(), data));
        }
        publisher.publishPage(changes, rejects, null);
        lastSingleObject.put(entity, json);
        return new ReadResult(entity, 1, changes.size(), rejects.size(), version, version);
    }

    private IngestError reject(final String entity, final String reason, final JsonNode record) {
        final String body = masker.mask(record.toString());
        return IngestError.newBuilder()
                .setSource("poll")
                .setCode("RECORD_UNPARSEABLE")
                .setReason(reason)
                .setDomainPrefix(domainPrefix)
                .setEntity(entity)
                .setContentType("application/json")
                .setBody(body.length() <= errorBodyMaxChars ? body : body.substring(0, errorBodyMaxChars))
                .setReceivedTsMs(clock.millis())
                .build();
    }
}
