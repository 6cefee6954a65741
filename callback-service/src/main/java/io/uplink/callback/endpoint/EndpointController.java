package io.uplink.callback.endpoint;

import io.uplink.callback.identity.TenantScope;
import io.uplink.servlet.identity.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/** The tenant's webhook endpoints, reached through the gateway. */
@RestController
@RequestMapping("/api/v1/webhooks/endpoints")
class EndpointController {

    private final EndpointService service;

    EndpointController(EndpointService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<CreatedEndpoint> create(Caller caller,
                                           @Valid @RequestBody EndpointRequest request) {
        CreatedEndpoint created = service.create(TenantScope.tenantOf(caller), request);
        return ResponseEntity.created(URI.create("/api/v1/webhooks/endpoints/" + created.id())).body(created);
    }

    @GetMapping
    EndpointPage list(Caller caller,
                      @RequestParam(required = false) String cursor,
                      @RequestParam(defaultValue = "50") int limit) {
        return service.list(TenantScope.tenantOf(caller), cursor, limit);
    }

    @GetMapping("/{id}")
    EndpointView get(Caller caller, @PathVariable UUID id) {
        return service.get(TenantScope.tenantOf(caller), id);
    }

    @PutMapping("/{id}")
    EndpointView update(Caller caller, @PathVariable UUID id,
                        @Valid @RequestBody EndpointRequest request) {
        return service.update(TenantScope.tenantOf(caller), id, request);
    }

    @PostMapping("/{id}/disable")
    EndpointView disable(Caller caller,
                         @PathVariable UUID id, @Valid @RequestBody(required = false) DisableRequest request) {
        return service.disable(TenantScope.tenantOf(caller), id, request == null ? null : request.reason());
    }

    @PostMapping("/{id}/enable")
    EndpointView enable(Caller caller, @PathVariable UUID id) {
        return service.enable(TenantScope.tenantOf(caller), id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable UUID id) {
        service.delete(TenantScope.tenantOf(caller), id);
    }

    @PostMapping("/{id}/secret/rotate")
    RotatedSecret rotate(Caller caller, @PathVariable UUID id) {
        return service.rotateSecret(TenantScope.tenantOf(caller), id);
    }

    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TestEventSent test(Caller caller, @PathVariable UUID id,
                       @RequestBody(required = false) TestEventRequest request) {
        return service.sendTestEvent(TenantScope.tenantOf(caller), id, request == null ? null : request.eventType());
    }
}
