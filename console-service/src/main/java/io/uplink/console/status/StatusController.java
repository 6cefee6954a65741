package io.uplink.console.status;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Admins: the system status. Each instance's health, who leads the outbox relay, consumer lag and dead-letter counts,
 * read fresh on every request; the health checks run while Kafka is read.
 */
@Controller
class StatusController {

    private final InstanceHealthChecks healthChecks;
    private final KafkaStatusReader kafka;

    StatusController(InstanceHealthChecks healthChecks, KafkaStatusReader kafka) {
        this.healthChecks = healthChecks;
        this.kafka = kafka;
    }

    @GetMapping("/console/admin/status")
    String status(Model model) {
        CompletableFuture<List<InstanceHealth>> checks = healthChecks.checkAll();
        model.addAttribute("kafka", kafka.read());
        List<InstanceHealth> instances = checks.join();
        model.addAttribute("instancesConfigured", healthChecks.configured());
        model.addAttribute("instances", instances);
        model.addAttribute("relayInstances", instances.stream().filter(health -> !health.outboxRelay().isEmpty()).toList());
        model.addAttribute("relayLeaders", instances.stream().filter(InstanceHealth::leadsOutboxRelay)
                .map(health -> health.instance().name()).toList());
        return "admin/status";
    }
}
