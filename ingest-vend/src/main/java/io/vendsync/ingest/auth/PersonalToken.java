package io.vendsync.ingest.auth;

import java.util.Objects;

/** A personal token (reference 2.1): it never changes, so a 401 is final. */
public final class PersonalToken implements VendCredentials {

    private final String token;

    public PersonalToken(final String token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public String accessToken() {
        return token;
    }

    @Override
    public boolean renewAfterRejection(final String rejected) {
        return false;
    }

    @Override
    public String toString() {
        return "PersonalToken[redacted]";
    }
}
