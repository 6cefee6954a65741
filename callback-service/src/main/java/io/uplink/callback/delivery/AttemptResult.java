package io.uplink.callback.delivery;

/**
 * What one HTTP attempt produced.
 *
 * @param statusCode null when no response arrived
 * @param snippet at most 4 KiB of the response body, as text
 * @param error why no usable response arrived (timeout, refused, reset, forbidden address), else null
 */
record AttemptResult(Integer statusCode, long latencyMillis, String snippet, String error) {

    boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
