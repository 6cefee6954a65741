package io.uplink.callback.endpoint;

import java.util.List;

/** @param nextCursor pass as {@code cursor} for the next page; null on the last page */
public record EndpointPage(List<EndpointView> data, String nextCursor) {
}
