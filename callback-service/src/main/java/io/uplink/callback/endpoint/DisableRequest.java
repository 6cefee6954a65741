package io.uplink.callback.endpoint;

import jakarta.validation.constraints.Size;

public record DisableRequest(@Size(max = 512) String reason) {
}
