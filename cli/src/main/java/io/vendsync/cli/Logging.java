package io.vendsync.cli;

import java.util.Locale;
import java.util.Map;

/**
 * Chooses where the runnable jar logs, before the first logger exists: the apps write JSON lines on
 * stdout for log collectors; the demo and one-shot tools write text on stderr, so their own stdout stays
 * readable. {@code VENDSYNC_LOG_FORMAT=json|text} overrides.
 */
final class Logging {

    static final String APPENDER_PROPERTY = "vendsync.log.appender";

    private Logging() {
    }

    static void configure(final String command, final Map<String, String> environment) {
        final String requested = environment.getOrDefault("VENDSYNC_LOG_FORMAT", "").trim().toLowerCase(Locale.ROOT);
        final String format = switch (requested) {
            case "json", "text" -> requested;
            case "" -> isService(command) ? "json" : "text";
            default -> throw new IllegalArgumentException("VENDSYNC_LOG_FORMAT must be json or text, not '" + requested + "'");
        };
        System.setProperty(APPENDER_PROPERTY, format);
    }

    private static boolean isService(final String command) {
        return switch (command) {
            case "ingest", "mapper", "sink" -> true;
            default -> false;
        };
    }
}
