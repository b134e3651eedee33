package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One of ALB's named TLS security policies: the protocol versions it accepts and its ciphers in priority order
 * (the server's order wins). Names, versions and ciphers are ALB's (DescribeSSLPolicies), ciphers in OpenSSL's
 * spelling, TLS 1.3 suites in IANA's ({@code TLS_AES_128_GCM_SHA256}).
 *
 * @param postQuantum whether the policy also offers the hybrid post-quantum key exchange (ALB's {@code -PQ-}
 *     policies): X25519MLKEM768 before the classical groups
 */
public record SecurityPolicy(String name, List<String> protocols, List<String> ciphers, boolean postQuantum) {

    /** The policy of an HTTPS listener that names none (the console's recommendation). */
    public static final String DEFAULT = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    /** What the load balancer speaks to HTTPS targets behind a listener whose policy offers TLS 1.3. */
    public static final String TO_TARGETS_TLS13 = "ELBSecurityPolicy-TLS13-1-0-2021-06";
    /** What it speaks to HTTPS targets otherwise (and for health checks). */
    public static final String TO_TARGETS = "ELBSecurityPolicy-2016-08";

    public static final String TLS13 = "TLSv1.3";
    public static final String TLS12 = "TLSv1.2";
    public static final String TLS11 = "TLSv1.1";
    public static final String TLS10 = "TLSv1";

    private static final List<String> TLS13_SUITES =
            List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    /** ELBSecurityPolicy-2016-08's eighteen, the list most others are cut from. */
    private static final List<String> CIPHERS_2016 = List.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-AES128-SHA256", "ECDHE-RSA-AES128-SHA256",
            "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA",
            "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA384",
            "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA",
            "AES128-GCM-SHA256", "AES128-SHA256", "AES128-SHA",
            "AES256-GCM-SHA384", "AES256-SHA256", "AES256-SHA");
    /** The forward-secret part of 2016-08: its twelve ECDHE ciphers. */
    private static final List<String> ECDHE_2016 = CIPHERS_2016.subList(0, 12);
    /** ECDHE with SHA-2 MACs only (no SHA-1). */
    private static final List<String> ECDHE_SHA2 = List.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-AES128-SHA256", "ECDHE-RSA-AES128-SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA384");
    private static final List<String> ECDHE_GCM = List.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384");
    private static final List<String> RSA_SHA2 =
            List.of("AES128-GCM-SHA256", "AES128-SHA256", "AES256-GCM-SHA384", "AES256-SHA256");

    private static final List<String> V13 = List.of(TLS13);
    private static final List<String> V13_12 = List.of(TLS13, TLS12);
    private static final List<String> V13_11 = List.of(TLS13, TLS12, TLS11);
    private static final List<String> V13_10 = List.of(TLS13, TLS12, TLS11, TLS10);
    private static final List<String> V12 = List.of(TLS12);
    private static final List<String> V12_11 = List.of(TLS12, TLS11);
    private static final List<String> V12_10 = List.of(TLS12, TLS11, TLS10);

    /** Every policy by name, in DescribeSSLPolicies' order. */
    private static final Map<String, SecurityPolicy> ALL = catalog();

    public SecurityPolicy {
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
    }

    public static Optional<SecurityPolicy> named(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** Every policy, in the order ALB lists them. */
    public static List<SecurityPolicy> all() {
        return List.copyOf(ALL.values());
    }

    public boolean offersTls13() {
        return protocols.contains(TLS13);
    }

    /** The policy towards targets behind a listener with this policy (ALB's rule, seed 002). */
    public SecurityPolicy towardsTargets() {
        return ALL.get(offersTls13() ? TO_TARGETS_TLS13 : TO_TARGETS);
    }

    private static Map<String, SecurityPolicy> catalog() {
        List<SecurityPolicy> list = new ArrayList<>();
        for (boolean pq : new boolean[] {false, true}) {
            String suffix = pq ? "-PQ-2025-09" : "-2021-06";
            list.add(policy("TLS13-1-3" + suffix, V13, TLS13_SUITES, pq));
            list.add(policy("TLS13-1-2" + suffix, V13_12, join(TLS13_SUITES, ECDHE_SHA2), pq));
            list.add(policy("TLS13-1-2-Res" + suffix, V13_12, join(TLS13_SUITES, ECDHE_GCM), pq));
            list.add(policy("TLS13-1-2-Ext1" + suffix, V13_12, join(TLS13_SUITES, ECDHE_SHA2, RSA_SHA2), pq));
            list.add(policy("TLS13-1-2-Ext2" + suffix, V13_12, join(TLS13_SUITES, CIPHERS_2016), pq));
            list.add(policy("TLS13-1-1" + suffix, V13_11, join(TLS13_SUITES, CIPHERS_2016), pq));
            list.add(policy("TLS13-1-0" + suffix, V13_10, join(TLS13_SUITES, CIPHERS_2016), pq));
        }
        list.add(policy("FS-1-2-Res-2020-10", V12, ECDHE_GCM, false));
        list.add(policy("FS-1-2-Res-2019-08", V12, ECDHE_SHA2, false));
        list.add(policy("FS-1-2-2019-08", V12, ECDHE_2016, false));
        list.add(policy("FS-1-1-2019-08", V12_11, ECDHE_2016, false));
        list.add(policy("FS-2018-06", V12_10, ECDHE_2016, false));
        list.add(policy("TLS-1-2-Ext-2018-06", V12, CIPHERS_2016, false));
        list.add(policy("TLS-1-2-2017-01", V12, join(ECDHE_SHA2, RSA_SHA2), false));
        list.add(policy("TLS-1-1-2017-01", V12_11, CIPHERS_2016, false));
        list.add(policy("2016-08", V12_10, CIPHERS_2016, false));
        list.add(policy("TLS-1-0-2015-04", V12_10, join(CIPHERS_2016, List.of("DES-CBC3-SHA")), false));
        list.add(policy("2015-05", V12_10, CIPHERS_2016, false));
        return list.stream().collect(Collectors.toMap(SecurityPolicy::name, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    private static SecurityPolicy policy(String name, List<String> protocols, List<String> ciphers, boolean pq) {
        return new SecurityPolicy("ELBSecurityPolicy-" + name, protocols, ciphers, pq);
    }

    @SafeVarargs
    private static List<String> join(List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
