package io.vendsync.simulator;

/**
 * The ways a real Vend, or a proxy in front of it, misbehaves, for client tests. Transport faults are answered at
 * the front door of any {@code /api/...} request; page faults change the next 2.0 collection page served.
 */
public enum VendFault {
    /** The request is never answered (the client's deadline must end it). */
    STALL(false),
    /** The connection is closed before any answer. */
    CONNECTION_RESET(false),
    /** A 200 whose body stops halfway: the connection closes before Content-Length bytes arrived. */
    TRUNCATED_BODY(false),
    /** A 200 with an empty body. */
    EMPTY_BODY(false),
    /** A 200 whose chunked body keeps trickling whitespace and never ends. */
    ENDLESS_BODY(false),
    /** A page answered {@code {"data":null}}. */
    NULL_DATA(true),
    /** A stale replica: the page served as if {@code after} were 0, so versions go backwards. */
    VERSIONS_BACKWARDS(true),
    /** The first record of the page arrives double-encoded, as a JSON string instead of an object. */
    WRONG_SHAPE_RECORD(true),
    /** Every record of the page appears twice. */
    DUPLICATE_RECORDS(true),
    /**
     * The page holds half the records asked for though more follow: Vend documents only the empty page as the end of a
     * read, and a page may come back short (records filtered after the page was chosen, a smaller cap under load).
     */
    SHORT_PAGE(true),
    /** Every record, and the envelope, carry fields the docs do not mention. */
    UNKNOWN_FIELDS(true);

    private final boolean page;

    VendFault(final boolean page) {
        this.page = page;
    }

    /** Whether the fault changes a collection page rather than the HTTP exchange. */
    boolean page() {
        return page;
    }
}
