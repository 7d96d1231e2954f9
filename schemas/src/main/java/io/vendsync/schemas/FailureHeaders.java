package io.vendsync.schemas;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Names of the UTF-8 text headers the sink puts on records in its retry and dead-letter topics (and that
 * {@code vendsync dlq replay} puts on replayed records). The record's key and value stay the original bytes.
 * Part of the public contract (here in schemas, beside the topics) for operators and tools: documented in the sink
 * module's README; add names, never rename.
 */
public final class FailureHeaders {

    /** Fully qualified class of the exception (the innermost meaningful one, e.g. the SDK's BadRequestException). */
    public static final String ERROR_CLASS = "vendsync.error.class";
    public static final String ERROR_MESSAGE = "vendsync.error.message";
    /** {@code transient} or {@code permanent}: how the sink classified the last failure. */
    public static final String ERROR_KIND = "vendsync.error.kind";
    /** First commercetools error code of the answer, e.g. InvalidInput; absent without an HTTP answer. */
    public static final String ERROR_CT_CODE = "vendsync.error.ct.code";
    /** commercetools answer body, truncated; absent without an HTTP answer. */
    public static final String ERROR_CT_BODY = "vendsync.error.ct.body";
    /** HTTP status of the commercetools answer; absent without one. */
    public static final String ERROR_HTTP_STATUS = "vendsync.error.http.status";
    public static final String ORIGINAL_TOPIC = "vendsync.original.topic";
    public static final String ORIGINAL_PARTITION = "vendsync.original.partition";
    public static final String ORIGINAL_OFFSET = "vendsync.original.offset";
    /** How many times the sink tried to apply the record (1 = the first try failed and was not retried). */
    public static final String ATTEMPTS = "vendsync.attempts";
    public static final String FIRST_FAILURE_MS = "vendsync.first.failure.ms";
    public static final String LAST_FAILURE_MS = "vendsync.last.failure.ms";
    /** What the record describes: {@code inventory}, or the catalog writer's entity (e.g. {@code product}). */
    public static final String ENTITY = "vendsync.entity";
    /** The record's Vend source version; absent when the value could not be read. */
    public static final String SOURCE_VERSION = "vendsync.source.version";
    /** Retry topics only: epoch ms before which the record must not be retried. */
    public static final String RETRY_DUE_MS = "vendsync.retry.due.ms";
    /**
     * On a record replayed from a DLQ: the dead letter it came from, {@code <dlq partition>/<dlq offset>} from the
     * inventory DLQ, {@code <dlq topic>/<dlq partition>/<dlq offset>} from the catalog or the mapper DLQ.
     */
    public static final String REPLAY_OF = "vendsync.replay.of";
    /**
     * On a record replayed from the sink's DLQ: its offset in its canonical topic when it was first read, so the sink
     * orders it among its key's records of the same source version by where it was, not by where the replay put it.
     */
    public static final String REPLAY_ORIGINAL_OFFSET = "vendsync.replay.original.offset";

    public static final String ENTITY_INVENTORY = "inventory";

    private FailureHeaders() {
    }

    /** The last header of that name as UTF-8 text; null when absent. */
    public static String text(final Headers headers, final String name) {
        final Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The last header of that name as a number; empty when absent or not a number. */
    public static OptionalLong number(final Headers headers, final String name) {
        final String text = text(headers, name);
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Replaces the header with this UTF-8 text; a null value removes it. */
    public static void put(final Headers headers, final String name, final Object value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
