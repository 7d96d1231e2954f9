package io.vendsync.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses where the runnable jar logs, before the first logger exists: the apps write JSON lines on
 * stdout for log collectors; the one-shot tools write text on stderr, so their own stdout stays readable; the
 * demo writes text to a file ({@link #DEMO_LOG}), so its console shows only its progress and summary, not the
 * libraries' hundreds of lines. {@code VENDSYNC_LOG_FORMAT=json|text} overrides (to the console). The demo's own jar
 * (module {@code demo}) configures through here too, so every command logs by the same rules.
 */
public final class Logging {

    static final String APPENDER_PROPERTY = "vendsync.log.appender";
    static final String FILE_PROPERTY = "vendsync.log.file";
    /** Where the demo logs, beside its endpoints file; each run starts it anew. */
    static final Path DEMO_LOG = Path.of(".vendsync", "demo.log");

    private Logging() {
    }

    public static void configure(final String command, final Map<String, String> environment) {
        final String requested = environment.getOrDefault("VENDSYNC_LOG_FORMAT", "").trim().toLowerCase(Locale.ROOT);
        final String format = switch (requested) {
            case "json", "text" -> requested;
            case "" -> "demo".equals(command) ? "file" : isService(command) ? "json" : "text";
            default -> throw new IllegalArgumentException("VENDSYNC_LOG_FORMAT must be json or text, not '" + requested + "'");
        };
        if ("file".equals(format)) {
            System.setProperty(FILE_PROPERTY, DEMO_LOG.toAbsolutePath().toString());
        }
        System.setProperty(APPENDER_PROPERTY, format);
    }

    /** The file this process logs to, when it logs to one. */
    public static Optional<Path> file() {
        return "file".equals(System.getProperty(APPENDER_PROPERTY))
                ? Optional.of(Path.of(System.getProperty(FILE_PROPERTY))) : Optional.empty();
    }

    private static boolean isService(final String command) {
        return switch (command) {
            case "ingest", "mapper", "sink" -> true;
            default -> false;
        };
    }
}
