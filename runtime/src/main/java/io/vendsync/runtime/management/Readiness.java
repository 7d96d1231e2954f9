package io.vendsync.runtime.management;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named checks an app is ready only when all pass (e.g. "streams RUNNING", "consumers assigned", "commercetools
 * authenticated"). A check that throws counts as failing, so a probe never turns an app ready by accident.
 */
public final class Readiness {

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();

    public Readiness check(final String name, final BooleanSupplier check) {
        checks.put(name, check);
        return this;
    }

    /** Each check's result, in name order. */
    public Map<String, Boolean> evaluate() {
        final Map<String, Boolean> results = new LinkedHashMap<>();
        new java.util.TreeMap<>(checks).forEach((name, check) -> {
            boolean passed;
            try {
                passed = check.getAsBoolean();
            } catch (RuntimeException e) {
                LOG.debug("readiness check {} failed: {}", name, e.toString());
                passed = false;
            }
            results.put(name, passed);
        });
        return results;
    }

    public boolean isReady() {
        return evaluate().values().stream().allMatch(Boolean::booleanValue);
    }
}
