package dev.fulcrum.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One load balancer: its attributes, its admin endpoint, its listeners and the target groups they route to. */
public record FulcrumConfig(
        LoadBalancerConfig loadBalancer,
        AdminConfig admin,
        List<ListenerConfig> listeners,
        List<TargetGroupConfig> targetGroups) {

    public FulcrumConfig {
        listeners = List.copyOf(listeners);
        targetGroups = List.copyOf(targetGroups);
    }

    /**
     * What is valid but will hurt: a certificate outside its validity period (clients refuse it), with its path.
     */
    public List<ConfigProblem> warnings(Instant now) {
        List<ConfigProblem> warnings = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            List<CertificateConfig> certificates = listeners.get(i).tlsConfig().map(TlsConfig::certificates)
                    .orElse(List.of());
            for (int j = 0; j < certificates.size(); j++) {
                CertificateConfig c = certificates.get(j);
                String path = "listeners[" + i + "].certificates[" + j + "]";
                if (now.isAfter(c.notAfter())) {
                    warnings.add(new ConfigProblem(path, c.certificateFile() + " expired on " + c.notAfter()
                            + ": clients refuse it"));
                } else if (now.isBefore(c.notBefore())) {
                    warnings.add(new ConfigProblem(path, c.certificateFile() + " is not valid before "
                            + c.notBefore() + ": clients refuse it until then"));
                }
            }
        }
        return warnings;
    }

    public Optional<TargetGroupConfig> targetGroup(String name) {
        return targetGroups.stream().filter(tg -> tg.name().equals(name)).findFirst();
    }
}
