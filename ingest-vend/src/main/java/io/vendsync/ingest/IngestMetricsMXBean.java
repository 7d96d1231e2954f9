package io.vendsync.ingest;

import java.util.Map;

/**
 * The ingest's counters over JMX, for a JMX exporter to scrape, as the sink's are: one bean per store,
 * {@code io.vendsync:type=ingest,store=<vend.domain.prefix>}. Cumulative since the ingest started.
 */
public interface IngestMetricsMXBean {

    /** Collection reads completed. */
    long getReads();

    /** Collection reads abandoned after their requests' retries; each is read again later from its cursor. */
    long getReadFailures();

    /** Time reads waited because the rate budget ran below half (webhook-triggered reads paced, not stopped). */
    long getReadPacedMillis();

    /** Failed Vend calls by failure class (THROTTLED, SERVER_ERROR, TIMEOUT, ...); each attempt counts. */
    Map<String, Long> getVendFailures();

    /** 429s answered by Vend. */
    long getThrottles();

    /** Time requests waited on the rate governor: its budget, 429 pauses and a spent Vend budget. */
    long getRateWaitMillis();

    /** Time spent backing off between attempts of failed requests. */
    long getBackoffMillis();

    long getRedirectsFollowed();

    /** Redirects to another origin, never followed: a misconfiguration or a hostile proxy to look at. */
    long getRedirectsRefused();

    long getWebhooksAccepted();

    long getWebhooksRejected();
}
