package io.vendsync.faults;

/** Timestamped progress lines on stdout, so a slow or failed run shows which step took the time. */
final class Steps {

    private Steps() {
    }

    static void log(final String format, final Object... args) {
        System.out.printf("%tT.%<tL fault-suite: %s%n", System.currentTimeMillis(), String.format(format, args));
    }
}
