package io.vendsync.testkit.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a {@code java} launcher of at least a given feature version. vendsync builds on Java 17, while the Apicurio
 * Registry needs 21 or later: build machines carry a second JDK under {@code /usr/lib/jvm} for it.
 */
final class JavaHomes {

    static final String JAVA_PROPERTY = "vendsync.apicurio.java";
    static final String JAVA_VARIABLE = "VENDSYNC_APICURIO_JAVA";
    private static final List<Path> SEARCHED = List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"), Path.of("/usr/java"),
            Path.of("/Library/Java/JavaVirtualMachines"));
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private JavaHomes() {
    }

    /**
     * The system property {@value #JAVA_PROPERTY} or variable {@value #JAVA_VARIABLE} (a JDK home), else this JVM if it
     * is new enough, else the newest JDK of at least {@code feature} under the usual install folders.
     */
    static Path javaOfAtLeast(final int feature) {
        final String given = Optional.ofNullable(System.getProperty(JAVA_PROPERTY)).filter(s -> !s.isBlank())
                .orElse(System.getenv(JAVA_VARIABLE));
        if (given != null && !given.isBlank()) {
            return launcher(Path.of(given));
        }
        if (Runtime.version().feature() >= feature) {
            return launcher(Path.of(System.getProperty("java.home")));
        }
        final List<Path> homes = new ArrayList<>();
        for (final Path root : SEARCHED) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> children = Files.list(root)) {
                    children.forEach(homes::add);
                } catch (IOException ignored) {
                    // an unreadable folder holds no JDK we can use
                }
            }
        }
        return homes.stream().flatMap(home -> Stream.of(home, home.resolve("Contents/Home")))
                .filter(home -> featureOf(home) >= feature && Files.isExecutable(home.resolve("bin/java")))
                .max(Comparator.comparingInt(JavaHomes::featureOf))
                .map(home -> home.resolve("bin/java"))
                .orElseThrow(() -> new IllegalStateException("The Apicurio Registry needs Java " + feature
                        + " or later and none was found under " + SEARCHED + ": install one (e.g. Temurin 25) or set "
                        + JAVA_VARIABLE + " to its home"));
    }

    private static Path launcher(final Path home) {
        final Path java = home.resolve("bin/java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException(home + " is not a Java home (no bin/java)");
        }
        return java;
    }

    /** The feature version a JDK's {@code release} file states, or 0. */
    static int featureOf(final Path home) {
        try {
            final Matcher matcher = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
