package io.vendsync.ingest.delta;

/** Told after each committed page of a read, e.g. to print snapshot progress. */
@FunctionalInterface
public interface ReadProgress {

    /**
     * @param pages   pages committed so far in this read
     * @param records records published so far in this read
     * @param version the cursor after the page
     */
    void onPage(String entity, int pages, int records, long version);

    ReadProgress NONE = (entity, pages, records, version) -> { };
}
