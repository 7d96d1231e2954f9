package io.vendsync.ingest.delta;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.ingest.publish.ChangeEventFactory;
import io.vendsync.ingest.publish.RawPublisher;
import io.vendsync.ingest.publish.VendChangeEvent;
import io.vendsync.ingest.vend.VendApiClient;
import io.vendsync.ingest.vend.VendPage;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.ops.IngestCursor;
import io.vendsync.schemas.ops.IngestError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Vend collection from its cursor to the end, page by page. Each page and the cursor after it
 * are published in one transaction. A read from version 0 is a snapshot (op=r); later reads are deltas.
 * A record Vend sends that we cannot use goes to the ingest-error topic and the read goes on.
 */
public final class DeltaReader {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaReader.class);

    /** What one read did. */
    public record ReadResult(String entity, int pages, int records, int rejected, long fromVersion, long toVersion) {
    }

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

    public DeltaReader(final VendApiClient vend, final RawPublisher publisher, final CursorStore cursors, final Topics topics,
                       final String domainPrefix, final int pageSize, final int errorBodyMaxChars, final Clock clock) {
        this.vend = vend;
        this.publisher = publisher;
        this.cursors = cursors;
        this.topics = topics;
        this.domainPrefix = domainPrefix;
        this.pageSize = pageSize;
        this.errorBodyMaxChars = errorBodyMaxChars;
        this.clock = clock;
        this.events = new ChangeEventFactory(domainPrefix, clock);
    }

    public ReadResult read(final String entity, final String trigger) throws InterruptedException {
        final long from = cursors.version(domainPrefix, entity);
        final boolean snapshot = from == 0;
        final String topic = topics.raw(entity).name();
        long after = from;
        int pages = 0;
        int records = 0;
        int rejected = 0;
        while (true) {
            final VendPage page = vend.readPage(entity, after, pageSize);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            final List<VendChangeEvent> changes = new ArrayList<>(page.records().size());
            final List<IngestError> rejects = new ArrayList<>();
            long pageMax = after;
            for (final JsonNode record : page.records()) {
                pageMax = Math.max(pageMax, record.path("version").asLong(after));
                try {
                    changes.add(events.create(entity, topic, record, snapshot ? "snapshot" : trigger, snapshot));
                } catch (IllegalArgumentException e) {
                    rejects.add(reject(entity, e.getMessage(), record));
                }
            }
            // version.max is authoritative; the records' own versions cover a page that omits it.
            final long next = Math.max(page.maxVersion(), pageMax);
            if (next <= after) {
                // A page that does not move the cursor would make us read it forever.
                throw new IllegalStateException("Vend " + entity + " page after " + after + " did not advance the version cursor");
            }
            publisher.publishPage(changes, rejects, IngestCursor.newBuilder()
                    .setDomainPrefix(domainPrefix)
                    .setEntity(entity)
                    .setVersion(next)
                    .setUpdatedTsMs(clock.millis())
                    .build());
            cursors.advance(domainPrefix, entity, next);
            records += changes.size();
            rejected += rejects.size();
            after = next;
            // Vend may cap page_size below what we ask, but never returns fewer records than it can while
            // more exist: a page shorter than one this collection already filled is the last. Stopping there
            // saves the empty-page request that would otherwise end every read, which halves what a
            // webhook-triggered delta costs.
            final int filled = largestPage.getOrDefault(entity, 0);
            largestPage.merge(entity, page.records().size(), Math::max);
            if (page.records().size() < filled) {
                break;
            }
        }
        if (pages > 0) {
            LOG.info("Read {} {} records ({} rejected) in {} pages, version {} -> {} ({})", records, entity, rejected, pages,
                    from, after, snapshot ? "snapshot" : trigger);
        }
        return new ReadResult(entity, pages, records, rejected, from, after);
    }

    private IngestError reject(final String entity, final String reason, final JsonNode record) {
        final String body = record.toString();
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
