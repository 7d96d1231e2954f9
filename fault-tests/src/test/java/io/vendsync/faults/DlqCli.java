package io.vendsync.faults;

import io.vendsync.cli.dlq.DlqCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code vendsync dlq ...} as an operator runs it: a settings file, the command line, the printed answer. */
final class DlqCli {

    private static final Pattern REPLAYED = Pattern.compile("(\\d+) replayed, (\\d+) skipped");
    private static final Pattern LISTED = Pattern.compile("(\\d+) dead letter\\(s\\) match, (\\d+) of them resolved");

    /** What {@code dlq list} counted. */
    record Listing(int deadLetters, int resolved, String output) {
    }

    private final Path settingsFile;

    DlqCli(final Map<String, String> settings, final Path dir) {
        this.settingsFile = dir.resolve("dlq.properties");
        final Properties props = new Properties();
        props.putAll(settings);
        try (OutputStream out = Files.newOutputStream(settingsFile)) {
            props.store(out, "vendsync dlq settings of a fault test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code dlq replay} and returns how many dead letters it replayed. */
    int replay() {
        return replay("inventory");
    }

    /** {@code dlq replay --dlq <dlq>}: inventory, catalog or mapper. */
    int replay(final String dlq) {
        final String output = run("replay", dlq);
        final Matcher m = REPLAYED.matcher(output);
        if (!m.find()) {
            throw new AssertionError("dlq replay printed no summary: " + output);
        }
        return Integer.parseInt(m.group(1));
    }

    Listing list() {
        return list("inventory");
    }

    Listing list(final String dlq) {
        final String output = run("list", dlq);
        final Matcher m = LISTED.matcher(output);
        if (!m.find()) {
            throw new AssertionError("dlq list printed no summary: " + output);
        }
        return new Listing(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), output);
    }

    private String run(final String action, final String dlq) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = DlqCommand.run(new String[] {action, "--dlq", dlq, "--config", settingsFile.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        final String text = out.toString(StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new AssertionError("dlq " + action + " exited " + exit + ": " + err.toString(StandardCharsets.UTF_8) + text);
        }
        return text;
    }
}
