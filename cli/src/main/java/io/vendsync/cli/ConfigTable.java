package io.vendsync.cli;

import io.vendsync.runtime.ConfigSource;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;

/** Renders a ConfigDef as the Markdown table the README carries. */
final class ConfigTable {

    private ConfigTable() {
    }

    static String markdown(final ConfigDef def) {
        final StringBuilder out = new StringBuilder("| key | environment variable | type | default | meaning |\n|---|---|---|---|---|\n");
        for (final ConfigDef.ConfigKey key : new java.util.TreeMap<>(def.configKeys()).values()) {
            final String dflt = !key.hasDefault() ? "(required)"
                    : key.defaultValue == null ? "" : ConfigDef.convertToString(key.defaultValue, key.type);
            out.append("| `").append(key.name).append("` | `").append(ConfigSource.environmentVariable(key.name))
                    .append("` | ").append(key.type.name().toLowerCase(Locale.ROOT))
                    .append(" | ").append(dflt.isEmpty() ? "" : "`" + dflt + "`")
                    .append(" | ").append(key.documentation.replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}
