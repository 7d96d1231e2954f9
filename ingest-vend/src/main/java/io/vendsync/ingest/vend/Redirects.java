package io.vendsync.ingest.vend;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which redirects a Vend call may follow: only to the origin (scheme, host and port) it was sent to, since every
 * request carries the store's credentials. Another host, another port, or https to http is refused.
 */
public final class Redirects {

    /** Same-origin redirects followed per request before it fails. */
    public static final int MAX_FOLLOWED = 3;

    private Redirects() {
    }

    /** 301, 302, 303, 307 and 308: the statuses that carry a Location to go to. */
    public static boolean isRedirect(final int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * The absolute URL {@code location} leads to from {@code from}, when it is the same origin.
     *
     * @throws Refused naming why, when it is another origin, a downgrade, or no usable Location
     */
    public static String sameOriginTarget(final String from, final String location) throws Refused {
        if (location == null || location.isBlank()) {
            throw new Refused("a redirect without a Location");
        }
        final URI source = URI.create(from);
        final URI target;
        try {
            target = source.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Refused("a redirect to an unreadable Location '" + location + "'");
        }
        final String fromScheme = lower(source.getScheme());
        final String toScheme = lower(target.getScheme());
        if ("https".equals(fromScheme) && "http".equals(toScheme)) {
            throw new Refused("a redirect from https to http (" + origin(target) + ")");
        }
        if (!origin(source).equals(origin(target))) {
            throw new Refused("a redirect to another host, " + origin(target) + " (credentials go only to "
                    + origin(source) + ")");
        }
        return target.toString();
    }

    /** scheme://host:port, lower-cased, with the scheme's default port made explicit. */
    static String origin(final URI uri) {
        final String scheme = lower(uri.getScheme());
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        }
        return scheme + "://" + lower(uri.getHost()) + ":" + port;
    }

    private static String lower(final String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    /** A redirect that is not followed; the message says where it pointed and why. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(final String message) {
            super(message);
        }
    }
}
