package dev.fulcrum.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps an HTTPS listener's {@code sslPolicy} and {@code certificates}, reading each certificate's PEM files: a file
 * that cannot be read, a key that is not its certificate's, a policy ALB does not have, each is a problem at its
 * path. Relative file names are read from the configuration file's folder.
 */
final class TlsMapper {

    static final List<String> LISTENER_KEYS = List.of("sslPolicy", "certificates", "mutualAuthentication");
    private static final List<String> MTLS_KEYS = List.of("mode", "trustStore", "ignoreClientCertificateExpiry");
    private static final List<String> CERTIFICATE_KEYS = List.of("certificateFile", "keyFile");

    private final Path baseDirectory;

    TlsMapper(Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    /** The TLS settings of a listener: {@code null} for HTTP (where none may be given). */
    TlsConfig tls(Node listener, Protocol protocol) {
        if (protocol != Protocol.HTTPS) {
            for (String key : LISTENER_KEYS) {
                if (listener.get(key).isPresent()) {
                    listener.get(key).problem("only for HTTPS listeners (this one is " + protocol + ")");
                }
            }
            return null;
        }
        SecurityPolicy policy = policy(listener.get("sslPolicy"));
        List<CertificateConfig> certificates = new ArrayList<>();
        Node list = listener.get("certificates");
        for (Node item : list.requiredList("at least one certificate; the first is the default")) {
            certificate(item).ifPresent(certificates::add);
        }
        MutualAuthentication mtls = mutualAuthentication(listener.get("mutualAuthentication"));
        return certificates.isEmpty() ? null : new TlsConfig(policy, certificates, mtls);
    }

    private MutualAuthentication mutualAuthentication(Node node) {
        if (!node.isPresent() || !node.isMapOf(MTLS_KEYS)) {
            return MutualAuthentication.OFF;
        }
        MutualAuthentication.Mode mode = node.get("mode").oneOf(Choices.MTLS_MODES)
                .orElse(MutualAuthentication.Mode.OFF);
        Node storeNode = node.get("trustStore");
        Path store = null;
        if (mode == MutualAuthentication.Mode.VERIFY) {
            storeNode.require();
            store = storeNode.string(1, 4096).map(n -> baseDirectory.resolve(n).toAbsolutePath().normalize())
                    .orElse(null);
            if (store != null) {
                try {
                    PemFiles.certificates(store);
                } catch (PemFiles.PemException e) {
                    storeNode.problem(e.getMessage());
                }
            }
        } else if (storeNode.isPresent()) {
            storeNode.problem("only with mode verify (this one is " + mode.key() + ")");
        }
        Node ignore = node.get("ignoreClientCertificateExpiry");
        boolean ignoreExpiry = ignore.bool().orElse(false);
        if (ignoreExpiry && mode != MutualAuthentication.Mode.VERIFY) {
            ignore.problem("only with mode verify (this one is " + mode.key() + ")");
        }
        return new MutualAuthentication(mode, store, ignoreExpiry);
    }

    private static SecurityPolicy policy(Node node) {
        String name = node.string().orElse(SecurityPolicy.DEFAULT);
        Optional<SecurityPolicy> policy = SecurityPolicy.named(name);
        if (policy.isEmpty()) {
            node.problem(Node.quote(name) + " is not an ALB security policy (expected one of: "
                    + String.join(", ", SecurityPolicy.all().stream().map(SecurityPolicy::name).toList()) + ")");
            return SecurityPolicy.named(SecurityPolicy.DEFAULT).orElseThrow();
        }
        return policy.get();
    }

    private Optional<CertificateConfig> certificate(Node node) {
        if (!node.isMapOf(CERTIFICATE_KEYS)) {
            return Optional.empty();
        }
        Optional<Path> certificateFile = file(node.get("certificateFile"));
        Optional<Path> keyFile = file(node.get("keyFile"));
        if (certificateFile.isEmpty() || keyFile.isEmpty()) {
            return Optional.empty();
        }
        try {
            PemFiles.Material material = PemFiles.read(certificateFile.get(), keyFile.get());
            return Optional.of(CertificateConfig.of(certificateFile.get(), keyFile.get(), material.leaf()));
        } catch (PemFiles.PemException e) {
            node.problem(e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Path> file(Node node) {
        node.require();
        return node.string(1, 4096).map(name -> baseDirectory.resolve(name).toAbsolutePath().normalize());
    }
}
