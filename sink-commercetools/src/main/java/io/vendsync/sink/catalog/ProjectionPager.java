package io.vendsync.sink.catalog;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.product.ProductProjection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads staged product projections page by page: {@value #PAGE_SIZE} per request (the API's maximum), paged by
 * offset, because the commercetools mock ignores {@code sort} on generic queries, so cursor paging would skip
 * items there. Sorted by id all the same, for a stable order on the real API; when the offset would pass the
 * API's limit of {@value #MAX_OFFSET}, it continues with {@code id > "<last id>"} from offset 0 (that step relies
 * on the server honouring the sort; untested beyond the limit).
 */
public final class ProjectionPager {

    public static final int PAGE_SIZE = 500;
    public static final int MAX_OFFSET = 10_000;

    private final ProjectApiRoot api;

    public ProjectionPager(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** Sends each page of projections matching {@code where} (null: all) to {@code page}; returns the requests sent. */
    public int readAll(final String where, final Consumer<List<ProductProjection>> page) {
        int requests = 0;
        int offset = 0;
        String afterId = null;
        while (true) {
            final String predicate = combine(where, afterId == null ? null : "id > \"" + afterId + "\"");
            var request = api.productProjections().get().withStaged(true).withLimit(PAGE_SIZE).withOffset(offset)
                    .withSort("id asc").withWithTotal(false);
            if (predicate != null) {
                request = request.withWhere(predicate);
            }
            final List<ProductProjection> results = request.executeBlocking().getBody().getResults();
            requests++;
            if (!results.isEmpty()) {
                page.accept(results);
            }
            if (results.size() < PAGE_SIZE) {
                return requests;
            }
            offset += results.size();
            if (offset + PAGE_SIZE > MAX_OFFSET) {
                afterId = results.get(results.size() - 1).getId();
                offset = 0;
            }
        }
    }

    private static String combine(final String a, final String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : "(" + a + ") and " + b;
    }
}
