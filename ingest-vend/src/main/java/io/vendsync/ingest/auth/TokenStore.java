package io.vendsync.ingest.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rotated OAuth tokens, in a file ({@code vend.oauth.token.store}) rather than on a Kafka topic: a refresh token
 * on a topic would be readable by every consumer of it and stay in log segments until compaction, while the
 * integration promises credentials are never recorded in Kafka; a file is written atomically (owner-only where the
 * file system has POSIX permissions) before the new token is used, and a lock file lets the ingest and the snapshot
 * command on the same volume take turns refreshing, so one never uses a token the other just rotated away.
 */
public final class TokenStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** File locks are per process; this serialises the threads of one process (e.g. ingest and snapshot in one JVM). */
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;

    public TokenStore(final Path file) {
        this.file = file.toAbsolutePath();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
    }

    public Path file() {
        return file;
    }

    public Optional<OAuthTokens> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            final JsonNode json = JSON.readTree(file.toFile());
            return Optional.of(new OAuthTokens(json.path("access_token").asText(), json.path("expires_at_ms").asLong(0),
                    json.path("refresh_token").asText(), json.path("origin").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OAuth token store " + file, e);
        }
    }

    /** Writes to a temporary file and moves it into place, so a crash leaves the old or the new tokens, never half. */
    public void save(final OAuthTokens tokens) {
        final ObjectNode json = JSON.createObjectNode();
        json.put("access_token", tokens.accessToken());
        json.put("expires_at_ms", tokens.expiresAtMillis());
        json.put("refresh_token", tokens.refreshToken());
        json.put("origin", tokens.origin());
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            ownerOnly(temp);
            Files.write(temp, JSON.writeValueAsBytes(json), StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp); // it holds the live refresh token: none is left behind by a failed save
            throw new UncheckedIOException("Cannot write the OAuth token store " + file
                    + "; the refreshed token is not persisted, so a restart would use a revoked one", e);
        }
    }

    private static void deleteQuietly(final Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The save failed already and says so; the operator's clean-up of the volume removes it.
        }
    }

    /** Holds the store's lock file until closed: one refresh at a time across processes sharing the file. */
    public AutoCloseable lock() {
        final ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            final FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = channel.lock();
            return () -> {
                try {
                    lock.release();
                    channel.close();
                } finally {
                    local.unlock();
                }
            };
        } catch (IOException e) {
            local.unlock();
            throw new UncheckedIOException("Cannot lock the OAuth token store " + lockFile, e);
        }
    }

    private static void ownerOnly(final Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the mount's own permissions apply.
        }
    }
}
