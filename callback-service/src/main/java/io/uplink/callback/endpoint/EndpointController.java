package io.uplink.callback.endpoint;

import io.uplink.callback.identity.IdentityFilter;
import io.uplink.callback.identity.TenantScope;
import io.uplink.contracts.identity.IdentityAssertion;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
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
    ResponseEntity<CreatedEndpoint> create(@RequestAttribute(IdentityFilter.ATTRIBUTE) IdentityAssertion identity,
                                           @Valid @RequestBody EndpointRequest request) {
        CreatedEndpoint created = service.create(TenantScope.tenantOf(identity), request);
        return ResponseEntity.created(URI.create("/api/v1/webhooks/endpoints/" + created.id())).body(created);
    }

    @GetMapping
    EndpointPage list(@RequestAttribute(IdentityFilter.ATTRIBUTE) IdentityAssertion identity,
                      @RequestParam(required = false) String cursor,
                      @RequestParam(defaultValue = "50") int limit) {
        return service.list(TenantScope.tenantOf(identity), cursor, limit);
    }

    @GetMapping("/{id}")
    EndpointView get(@RequestAttribute(IdentityFilter.ATTRIBUTE) IdentityAssertion identity, @PathVariable UUID id) {
        return service.get(TenantScope.tenantOf(identity), id);
    }

    @PutMapping("/{id}")
    EndpointView update(@RequestAttribute(IdentityFilter.ATTRIBUTE) IdentityAssertion identity, @PathVariable UUID id,
                        @Valid @RequestBody EndpointRequest request) {
        return service.update(TenantScope.tenantOf(identity), id, request);
    }

    @PostMapping("/{id}/disable")
    EndpointView disable(@RequestAttribute(IdentityFilter.ATTRIBUTE) IdentityAssertion identity,
                         @PathVariable UUID id, @Valid @RequestBody(required = false) DisableRequest request) {
        return service.disable(TenantScope.tenantOf(identity), id, request == null ? null : request.reason());
    }

    @PostMapping("/{id}/enable")
    EndpointView enable(@RequestAttribute(IdentityFilter.ATTRIBUTE) IdentityAssertion identity, @PathVariable UUID id) {
        return service.enable(TenantScope.tenantOf(identity), id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@RequestAttribute(IdentityFilter.ATTRIBUTE) IdentityAssertion identity, @PathVariable UUID id) {
        service.delete(TenantScope.tenantOf(identity), id);
    }

    @PostMapping("/{id}/secret/rotate")
    RotatedSecret rotate(@RequestAttribute(IdentityFilter.ATTRIBUTE) IdentityAssertion identity, @PathVariable UUID id) {
        return service.rotateSecret(TenantScope.tenantOf(identity), id);
    }

    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TestEventSent test(@RequestAttribute(IdentityFilter.ATTRIBUTE) IdentityAssertion identity, @PathVariable UUID id,
                       @RequestBody(required = false) TestEventRequest request) {
        return service.sendTestEvent(TenantScope.tenantOf(identity), id, request == null ? null : request.eventType());
    }
}
