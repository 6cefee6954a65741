package io.uplink.credential.uppy;

import io.uplink.servlet.identity.Caller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/s3/sign}: the endpoint a tenant page's Uppy 6 {@code signRequest} hook forwards to. */
@RestController
class SignRequestController {

    private final SignRequestAdapter adapter;

    SignRequestController(SignRequestAdapter adapter) {
        this.adapter = adapter;
    }

    @PostMapping("/api/v1/s3/sign")
    SignedRequest sign(Caller caller, @RequestBody SignRequest request) {
        return adapter.sign(caller, request);
    }
}
