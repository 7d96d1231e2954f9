package io.vendsync.schemas.serde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a contract schema. Single-object encoding names the writer's schema by fingerprint only, so
 * without its earlier versions a reader could not decode a record written before a field was added: a compacted topic
 * or a state store would become unreadable on upgrade. The Confluent format needs none of this (the registry keeps them).
 *
 * <p>One resource per record type, {@code io/vendsync/schemas/history/<full name>.avsc-history}: one schema per line in
 * Parsing Canonical Form (what the fingerprint is taken of; writer schemas need no defaults), oldest first. A schema
 * change appends its new form; {@code SchemaHistoryTest} fails until it does, and checks every version still resolves.
 */
public final class SchemaHistory {

    static final String RESOURCE_DIRECTORY = "io/vendsync/schemas/history/";

    private SchemaHistory() {
    }

    /** The recorded versions of {@code fullName}, oldest first; none when it has no history file. */
    public static List<Schema> of(final String fullName) {
        final List<Schema> versions = new ArrayList<>();
        for (final String line : lines(fullName)) {
            versions.add(new Schema.Parser().parse(line));
        }
        return versions;
    }

    /** The recorded canonical forms of {@code fullName}, oldest first. */
    static List<String> lines(final String fullName) {
        final String resource = RESOURCE_DIRECTORY + fullName + ".avsc-history";
        try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            final List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().filter(line -> !line.isBlank()).forEach(lines::add);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the schema history " + resource, e);
        }
    }
}
