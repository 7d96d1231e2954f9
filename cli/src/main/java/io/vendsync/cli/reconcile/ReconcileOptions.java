package io.vendsync.cli.reconcile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * {@code vendsync reconcile} options.
 *
 * @param since         compare only sales and customers dated or changed since then; null for everything
 * @param maxMismatches exit 1 when more mismatches than this are found
 * @param rateShare     the share of Vend's rate limit the run may use (the ingest keeps its own)
 * @param keep          past runs kept under {@code out/runs/} beside the latest report; 0 keeps only the latest
 */
public record ReconcileOptions(Path config, Instant since, int maxMismatches, Path out, double rateShare, int keep) {

    public static final String USAGE = "reconcile [--config FILE] [--since T] [--max-mismatches N] [--out DIR] [--rate-share S] [--keep N]";
    public static final double DEFAULT_RATE_SHARE = 0.1;
    public static final Path DEFAULT_OUT = Path.of("reconcile-report");

    public static ReconcileOptions parse(final List<String> args, final Clock clock) {
        Path config = null;
        Instant since = null;
        int max = 0;
        Path out = DEFAULT_OUT;
        double share = DEFAULT_RATE_SHARE;
        int keep = 0;
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            if (!arg.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("'" + arg + "' needs a value or is not an option; usage: " + USAGE);
            }
            final String value = args.get(++i);
            switch (arg) {
                case "--config" -> config = Path.of(value);
                case "--since" -> since = since(value, clock);
                case "--max-mismatches" -> max = nonNegative(arg, value);
                case "--out" -> out = Path.of(value);
                case "--rate-share" -> share = share(value);
                case "--keep" -> keep = nonNegative(arg, value);
                default -> throw new IllegalArgumentException("Unknown option " + arg + "; usage: " + USAGE);
            }
        }
        return new ReconcileOptions(config, since, max, out, share, keep);
    }

    /** An ISO-8601 instant (2026-12-01T00:00:00Z) or a span back from now: 90m, 24h, 7d. */
    static Instant since(final String value, final Clock clock) {
        final String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.matches("\\d+[mhd]")) {
                final long amount = Long.parseLong(text.substring(0, text.length() - 1));
                final Duration span = switch (text.charAt(text.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                return clock.instant().minus(span);
            }
            return Instant.parse(value.trim());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("--since takes an ISO-8601 instant (2026-12-01T00:00:00Z) or 90m, 24h, 7d; not '"
                    + value + "'");
        }
    }

    private static int nonNegative(final String option, final String value) {
        try {
            final int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a whole number of at least 0, not '" + value + "'");
    }

    private static double share(final String value) {
        try {
            final double share = Double.parseDouble(value.trim());
            if (share > 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--rate-share takes a fraction above 0 and at most 1 (e.g. 0.1), not '" + value + "'");
    }
}
