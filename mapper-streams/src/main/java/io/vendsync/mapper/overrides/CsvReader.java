package io.vendsync.mapper.overrides;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV: comma-separated fields, a field in double quotes may hold commas, line breaks and
 * quotes written twice. Records end at CRLF, LF or CR. Each record carries the line it starts on, so errors
 * point at what an operator sees in an editor. A record that breaks the format is returned with its error
 * rather than guessed at; an unterminated quote swallows the rest of the input, so it is the last record.
 * Empty lines are skipped; a UTF-8 byte order mark (spreadsheet exports) is ignored.
 */
final class CsvReader {

    /** One record: {@code fields}, or {@code error} when the line breaks the format. */
    record CsvRecord(int line, List<String> fields, String error) {
        boolean isValid() {
            return error == null;
        }
    }

    private CsvReader() {
    }

    static List<CsvRecord> read(final Reader input) throws IOException {
        final String text = readAll(input);
        final List<CsvRecord> records = new ArrayList<>();
        int pos = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        while (pos < text.length()) {
            final int startLine = line;
            if (isLineBreak(text.charAt(pos))) {
                pos = skipLineBreak(text, pos);
                line++;
                continue; // empty line
            }
            final List<String> fields = new ArrayList<>();
            String error = null;
            final StringBuilder field = new StringBuilder();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                field.setLength(0);
                if (pos < text.length() && text.charAt(pos) == '"') {
                    pos++;
                    boolean closed = false;
                    while (pos < text.length()) {
                        final char c = text.charAt(pos);
                        if (c == '"') {
                            if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                                field.append('"');
                                pos += 2;
                                continue;
                            }
                            pos++;
                            closed = true;
                            break;
                        }
                        if (isLineBreak(c)) {
                            line++;
                            final int next = skipLineBreak(text, pos);
                            field.append(text, pos, next);
                            pos = next;
                            continue;
                        }
                        field.append(c);
                        pos++;
                    }
                    if (!closed) {
                        return addAndEnd(records, new CsvRecord(startLine, null, "a quoted field is not closed (missing '\"')"));
                    }
                    if (pos < text.length() && text.charAt(pos) != ',' && !isLineBreak(text.charAt(pos)) && error == null) {
                        error = "text after the closing quote of field " + (fields.size() + 1) + " (write a quote inside a quoted field as \"\")";
                    }
                    // Skip to the next separator, so the rest of the line is still split (and not read as a new record).
                    while (pos < text.length() && text.charAt(pos) != ',' && !isLineBreak(text.charAt(pos))) {
                        pos++;
                    }
                } else {
                    while (pos < text.length() && text.charAt(pos) != ',' && !isLineBreak(text.charAt(pos))) {
                        final char c = text.charAt(pos);
                        if (c == '"' && error == null) {
                            error = "a quote inside unquoted field " + (fields.size() + 1) + " (quote the whole field and write the quote as \"\")";
                        }
                        field.append(c);
                        pos++;
                    }
                }
                fields.add(field.toString());
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else {
                    endOfRecord = true;
                    if (pos < text.length()) {
                        pos = skipLineBreak(text, pos);
                        line++;
                    }
                }
            }
            records.add(new CsvRecord(startLine, error == null ? List.copyOf(fields) : null, error));
        }
        return records;
    }

    private static List<CsvRecord> addAndEnd(final List<CsvRecord> records, final CsvRecord last) {
        records.add(last);
        return records;
    }

    private static boolean isLineBreak(final char c) {
        return c == '\n' || c == '\r';
    }

    private static int skipLineBreak(final String text, final int pos) {
        if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            return pos + 2;
        }
        return pos + 1;
    }

    private static String readAll(final Reader input) throws IOException {
        final StringBuilder out = new StringBuilder();
        final char[] buffer = new char[8192];
        int n;
        while ((n = input.read(buffer)) != -1) {
            out.append(buffer, 0, n);
        }
        return out.toString();
    }
}
