package io.vendsync.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where an app's settings come from, lowest precedence first: a properties file, then environment
 * variables. A key {@code vend.base.url} is read from the variable {@code VENDSYNC_VEND_BASE_URL}, so
 * every key works the same in a file, a Kubernetes ConfigMap or a docker-compose environment.
 */
public final class ConfigSource {

    public static final String ENV_PREFIX = "VENDSYNC_";

    private ConfigSource() {
    }

    /** Settings from an optional properties file, overridden by {@code VENDSYNC_*} environment variables. */
    public static Map<String, String> load(final Path propertiesFile, final Map<String, String> environment) {
        final Map<String, String> settings = new HashMap<>();
        if (propertiesFile != null) {
            settings.putAll(readProperties(propertiesFile));
        }
        settings.putAll(fromEnvironment(environment));
        return settings;
    }

    /** The environment variable that sets {@code key}. */
    public static String environmentVariable(final String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static Map<String, String> fromEnvironment(final Map<String, String> environment) {
        final Map<String, String> settings = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                settings.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return settings;
    }

    static Map<String, String> readProperties(final Path file) {
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read configuration file " + file, e);
        }
        final Map<String, String> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return settings;
    }
}
