package io.uplink.testsupport.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusScrapeTest {

    private static final PrometheusScrape SCRAPE = PrometheusScrape.of("""
            # HELP uplink_webhook_deliveries_total deliveries
            # TYPE uplink_webhook_deliveries_total counter
            uplink_webhook_deliveries_total{status="delivered"} 7.0
            uplink_webhook_deliveries_total{status="failed"} 2.0
            uplink_webhook_deliveries_total_created{status="delivered"} 1.7E9
            http_server_requests_seconds_count{method="GET",uri="/api/v1/files/{id}",status="200"} 3.0
            http_server_requests_seconds_count{method="GET",uri="/api/v1/files",status="404"} 1.0
            uplink_metadata_ingest_lag_seconds_bucket{le="0.1"} 4 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 0.05 1.7E9
            process_uptime_seconds 12.5
            upstream_requests_total{http_status="200"} 5.0
            upstream_requests_total{http_status="503",status="200"} 1.0
            uplink_slowest_seconds +Inf
            """);

    @Test
    void addsEverySampleOfTheMetricWhenNoLabelIsAsked() {
        assertThat(SCRAPE.sum("uplink_webhook_deliveries_total")).isEqualTo(9.0);
    }

    @Test
    void addsOnlyTheSamplesCarryingEveryLabelAsked() {
        assertThat(SCRAPE.sum("uplink_webhook_deliveries_total", "status=\"delivered\"")).isEqualTo(7.0);
        assertThat(SCRAPE.sum("http_server_requests_seconds_count", "method=\"GET\"", "status=\"200\"")).isEqualTo(3.0);
    }

    @Test
    void readsTheValueAfterLabelValuesHoldingBracesAndBeforeAnExemplar() {
        assertThat(SCRAPE.sum("http_server_requests_seconds_count")).isEqualTo(4.0);
        assertThat(SCRAPE.sum("uplink_metadata_ingest_lag_seconds_bucket")).isEqualTo(4.0);
    }

    @Test
    void readsAMetricWithoutLabelsAndIgnoresOthersSharingItsNameAsAPrefix() {
        assertThat(SCRAPE.sum("process_uptime_seconds")).isEqualTo(12.5);
        assertThat(SCRAPE.sum("uplink_webhook_deliveries")).isZero();
    }

    @Test
    void matchesALabelPairAsAWholeNotAsTheEndOfAnotherLabel() {
        assertThat(SCRAPE.sum("upstream_requests_total", "status=\"200\"")).isEqualTo(1.0);
    }

    @Test
    void readsInfinityAsPrometheusWritesIt() {
        assertThat(SCRAPE.sum("uplink_slowest_seconds")).isInfinite();
    }
}
