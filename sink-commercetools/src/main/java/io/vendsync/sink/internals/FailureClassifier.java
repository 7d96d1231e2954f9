package io.vendsync.sink.internals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vrap.rmf.base.client.ApiHttpException;
import io.vrap.rmf.base.client.error.RmfTimeoutException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a failed record is worth retrying. Transient: HTTP 429, 5xx, 409 (it only reaches here
 * after the writer's bounded re-read-and-rebuild attempts), timeouts and I/O errors (connection refused or
 * reset), and a {@link NotYetWritableException} (a prerequisite, such as the product of a price, is not there yet). Permanent: every other 4xx (400 InvalidInput, unknown references, 401/403 missing scopes, 404) and
 * every other exception (a record the writer refuses, e.g. an entry with another application's custom Type),
 * because trying the same bytes again cannot change the answer. Stateless and thread-safe.
 */
public final class FailureClassifier {

    /** Bodies are kept in a header, so they are cut; commercetools error bodies are far smaller. */
    static final int MAX_BODY_CHARS = 4_096;
    static final int MAX_MESSAGE_CHARS = 1_024;

    private static final ObjectMapper JSON = new ObjectMapper();

    public Failure classify(final Throwable error) {
        final ApiHttpException http = find(error, ApiHttpException.class);
        if (http != null) {
            final int status = http.getStatusCode();
            final Failure.Kind kind = status == 429 || status == 409 || status >= 500 ? Failure.Kind.TRANSIENT : Failure.Kind.PERMANENT;
            final String body = http.getBody();
            return new Failure(kind, http.getClass().getName(), message(error), status, ctCode(body), cut(body, MAX_BODY_CHARS));
        }
        final NotYetWritableException notYet = find(error, NotYetWritableException.class);
        if (notYet != null) {
            return new Failure(Failure.Kind.TRANSIENT, notYet.getClass().getName(), message(error), -1, null, null);
        }
        final Throwable io = timeoutOrIo(error);
        if (io != null) {
            return new Failure(Failure.Kind.TRANSIENT, io.getClass().getName(), message(error), -1, null, null);
        }
        final Throwable root = unwrap(error);
        return new Failure(Failure.Kind.PERMANENT, root.getClass().getName(), message(error), -1, null, null);
    }

    /** A record whose bytes cannot be read as the topic's type: permanent by nature. */
    public Failure undeserialisable(final Throwable error) {
        final Throwable root = unwrap(error);
        return new Failure(Failure.Kind.PERMANENT, root.getClass().getName(), "cannot deserialise: " + message(error), -1, null, null);
    }

    private static Throwable timeoutOrIo(final Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RmfTimeoutException || t instanceof TimeoutException || t instanceof IOException) {
                return t;
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(final Throwable error, final Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable unwrap(final Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof SinkWriteException)
                && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(final Throwable error) {
        final String text = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return cut(text, MAX_MESSAGE_CHARS);
    }

    /** The first {@code errors[].code} of a commercetools error body; null when there is none. */
    static String ctCode(final String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            final JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && errors.size() > 0 && errors.get(0).hasNonNull("code")) {
                return errors.get(0).get("code").asText();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    static String cut(final String text, final int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + String.format(Locale.ROOT, "... (%d chars cut)", text.length() - max);
    }
}
