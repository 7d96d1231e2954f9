package io.vendsync.demo;

import io.vendsync.cli.Logging;
import io.vendsync.cli.Main;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The demo jar's entry point: {@code demo} runs {@link Demo}; every other command is the production CLI's
 * ({@link Main}), so this jar runs anything {@code vendsync} does, while the production jar carries no demo.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length == 0 || !"demo".equals(args[0].toLowerCase(Locale.ROOT))) {
            Main.main(args);
            return;
        }
        Logging.configure("demo", System.getenv());
        System.exit(run(List.of(Arrays.copyOfRange(args, 1, args.length))));
    }

    private static int run(final List<String> args) throws Exception {
        final Demo.Options options;
        try {
            options = Demo.Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Main.USAGE);
            return 2;
        }
        return new Demo(options, System.out).run();
    }
}
