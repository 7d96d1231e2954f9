package io.vendsync.mapper.products;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The rules that turn Vend names into names commercetools accepts.
 *
 * <ul>
 *   <li><b>Attribute name</b> from a Vend option name: accents removed (NFKD), lower-cased (Locale.ROOT), every run of
 *       characters other than a-z and 0-9 becomes one '-', leading and trailing '-' dropped; so "Size" is {@code size},
 *       "Colour / Color" is {@code colour-color}, "Taille é" is {@code taille-e}. commercetools wants {@code [A-Za-z0-9_-]{2,256}}, so a name
 *       shorter than two characters is prefixed {@code option-} ("S" is {@code option-s}, "" is {@code option-}), and
 *       a longer one cut to 256. Lower case because Vend option names are typed by hand per product ("size", "Size")
 *       and must land on one attribute definition.</li>
 *   <li><b>Slug</b> from the Vend handle (the name when there is none): the same rule, then cut to 256; shorter than two
 *       characters gets the family id appended.</li>
 * </ul>
 */
public final class CommercetoolsNames {

    private static final int MAX = 256;

    private CommercetoolsNames() {
    }

    public static String attributeName(final String optionName) {
        final String name = simplify(optionName);
        return cut(name.length() < 2 ? "option-" + name : name);
    }

    public static String slug(final String handle, final String name, final String familyId) {
        final String base = simplify(handle != null && !handle.isBlank() ? handle : name);
        return cut(base.length() < 2 ? (base.isEmpty() ? "" : base + "-") + simplify(familyId) : base);
    }

    private static String simplify(final String text) {
        if (text == null) {
            return "";
        }
        final String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    private static String cut(final String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX);
    }
}
