package dev.fulcrum.tls;

import dev.fulcrum.config.MutualAuthentication;
import dev.fulcrum.config.PemFiles;
import dev.fulcrum.config.SecurityPolicy;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/** Netty TLS contexts for a security policy: exactly its protocol versions and ciphers, the server's order first. */
final class TlsContexts {

    /** The classical key-exchange groups, the order BoringSSL prefers. */
    private static final String[] GROUPS = {"X25519", "P-256", "P-384"};
    /** A {@code -PQ-} policy's groups: the hybrid ML-KEM group first. */
    private static final String[] PQ_GROUPS = {"X25519MLKEM768", "X25519", "P-256", "P-384"};

    private TlsContexts() {
    }

    /** ALPN with HTTP/2 first, as ALB offers it when {@code routing.http2.enabled}. */
    private static final ApplicationProtocolConfig H2_THEN_HTTP1 = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN, ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2,
            ApplicationProtocolNames.HTTP_1_1);
    private static final ApplicationProtocolConfig HTTP1_ONLY = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN, ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_1_1);

    /**
     * @param trustStore the CAs of {@code verify} mutual TLS, empty otherwise
     * @param http2 whether ALPN offers {@code h2} before {@code http/1.1}
     */
    static SslContext server(SecurityPolicy policy, PemFiles.Material material, MutualAuthentication mtls,
            List<X509Certificate> trustStore, boolean http2) throws SSLException {
        SslProvider provider = TlsProvider.provider();
        SslContextBuilder builder = SslContextBuilder
                .forServer(material.key(), material.chain().toArray(X509Certificate[]::new))
                .sslProvider(provider)
                .protocols(policy.protocols())
                .ciphers(ciphers(policy, provider))
                .applicationProtocolConfig(http2 ? H2_THEN_HTTP1 : HTTP1_ONLY);
        switch (mtls.mode()) {
            case PASSTHROUGH -> builder.clientAuth(ClientAuth.OPTIONAL)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE); // any chain: the targets judge it
            case VERIFY -> builder.clientAuth(ClientAuth.REQUIRE)
                    .trustManager(new ClientCertificateVerifier(trustStore, mtls.ignoreClientCertificateExpiry()));
            case OFF -> { }
        }
        if (provider == SslProvider.OPENSSL) {
            builder.option(OpenSslContextOption.GROUPS, policy.postQuantum() ? PQ_GROUPS : GROUPS);
        }
        return builder.build();
    }

    /** A client context towards targets: the policy's versions and ciphers, no certificate verification (as ALB). */
    static SslContext client(SecurityPolicy policy) throws SSLException {
        SslProvider provider = TlsProvider.provider();
        return SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(policy.protocols())
                .ciphers(ciphers(policy, provider))
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .build();
    }

    /**
     * The policy's ciphers this TLS library has, in the policy's order: OpenSSL's names for BoringSSL, which has
     * none of the CBC ciphers with SHA-256 or SHA-384 MACs nor 3DES (a client offering only those is refused);
     * the JDK's own names for its engine (TLS 1.3 suites are named alike).
     */
    static List<String> ciphers(SecurityPolicy policy, SslProvider provider) {
        if (provider == SslProvider.OPENSSL) {
            return policy.ciphers().stream().filter(OpenSsl::isCipherSuiteAvailable).toList();
        }
        List<String> java = new ArrayList<>();
        for (String cipher : policy.ciphers()) {
            String name = cipher.startsWith("TLS_") ? cipher : CipherSuiteConverter.toJava(cipher, "TLS");
            if (name != null) {
                java.add(name);
            }
        }
        return java;
    }
}
