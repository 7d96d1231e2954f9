package io.vendsync.sink.customers;

import java.util.List;

/**
 * A Vend customer the sink will not write because matching it to commercetools is not safe: the record is withheld
 * (dead-lettered as permanent, with the code, the candidates and the fix in its message) rather than merged or duplicated.
 */
public final class CustomerMatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The stable codes, for alerts on the dead-letter topic. */
    public enum Code {
        /** The commercetools customer found by email (or named by the override) already has another key. */
        CUSTOMER_KEY_CONFLICT,
        /** Two or more commercetools customers match the Vend customer by email; never merged. */
        CUSTOMER_AMBIGUOUS,
        /** The override on mapping.customer names a commercetools customer that does not exist. */
        CUSTOMER_LINK_UNKNOWN
    }

    private final Code code;
    private final List<String> candidates;

    public CustomerMatchException(final Code code, final String reason, final List<String> candidates, final String fix) {
        super(code + ": " + reason + "; candidates " + candidates + ". Fix: " + fix);
        this.code = code;
        this.candidates = List.copyOf(candidates);
    }

    public Code code() {
        return code;
    }

    public List<String> candidates() {
        return candidates;
    }
}
