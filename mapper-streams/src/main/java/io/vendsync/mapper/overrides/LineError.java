package io.vendsync.mapper.overrides;

/** Why one line of an override CSV cannot be imported; {@code line} is 1-based, the header being line 1. */
public record LineError(int line, String message) {

    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
