package dev.fulcrum.tls;

import dev.fulcrum.config.CertificateConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * ALB's choice of certificate for a ClientHello. The default certificate (the first) is part of the list. A name
 * the client asked for (SNI) picks the certificates for exactly that name, else those whose wildcard covers it
 * ({@code *.example.com} covers one label); among several, one the client can use, ECDSA before RSA, then the
 * longer key, then the one valid longest. No name, or no certificate for it: the default certificate, and the
 * log's {@code domain_name} stays {@code -}.
 */
final class CertificateChoice {

    /** The index of the chosen certificate and whether it was chosen for the client's name. */
    record Choice(int index, boolean matchedName) {
    }

    private static final Choice DEFAULT = new Choice(0, false);

    private CertificateChoice() {
    }

    /**
     * @param serverName the SNI host name, {@code null} when the client sent none
     * @param ecdsa whether the client can verify an ECDSA certificate (its signature algorithms and ciphers)
     */
    static Choice choose(List<CertificateConfig> certificates, String serverName, boolean ecdsa) {
        if (serverName == null || serverName.isEmpty()) {
            return DEFAULT;
        }
        String name = serverName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        int best = best(certificates, name, false, ecdsa);
        if (best < 0) {
            best = best(certificates, name, true, ecdsa);
        }
        return best < 0 ? DEFAULT : new Choice(best, true);
    }

    private static int best(List<CertificateConfig> certificates, String name, boolean wildcard, boolean ecdsa) {
        Comparator<CertificateConfig> order = Comparator
                .comparing((CertificateConfig c) -> !usable(c, ecdsa)) // one the client can use first
                .thenComparing(c -> !c.keyAlgorithm().equals("EC"))   // ECDSA before RSA
                .thenComparing(Comparator.comparingInt(CertificateConfig::keyBits).reversed())
                .thenComparing(Comparator.comparing(CertificateConfig::notAfter).reversed());
        int best = -1;
        for (int i = 0; i < certificates.size(); i++) {
            CertificateConfig c = certificates.get(i);
            if (covers(c, name, wildcard) && (best < 0 || order.compare(c, certificates.get(best)) < 0)) {
                best = i;
            }
        }
        return best;
    }

    private static boolean usable(CertificateConfig c, boolean ecdsa) {
        return ecdsa || !c.keyAlgorithm().equals("EC");
    }

    private static boolean covers(CertificateConfig c, String name, boolean wildcard) {
        for (String certificateName : c.names()) {
            String n = certificateName.toLowerCase(Locale.ROOT);
            if (!wildcard && n.equals(name)) {
                return true;
            }
            if (wildcard && n.startsWith("*.")) {
                int dot = name.indexOf('.');
                if (dot > 0 && name.substring(dot + 1).equals(n.substring(2))) {
                    return true;
                }
            }
        }
        return false;
    }
}
