package dev.fulcrum.tls;

import dev.fulcrum.config.CertificateConfig;
import dev.fulcrum.config.MutualAuthentication;
import dev.fulcrum.config.PemFiles;
import dev.fulcrum.config.SecurityPolicy;
import dev.fulcrum.config.TlsConfig;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTPS listener's certificates as TLS contexts of its security policy, one per certificate, and the choice
 * between them for each ClientHello. The certificate files are checked for changes ({@link #reloadIfChanged}); a
 * changed pair that reads and matches replaces the old one for new handshakes (open connections keep theirs), one
 * that does not is logged and the old certificate stays.
 */
public final class ServerTls {

    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    /** What a ClientHello gets: the context to hand-shake with, and what the log says of it. */
    record Chosen(SslContext context, String serverName, String certificateArn, MutualAuthentication.Mode mtls) {
    }

    /** A certificate in service: what it is, its context, and the files' state it was read from. */
    private record Served(CertificateConfig config, SslContext context, Stamp stamp) {
    }

    /** The files' modification times and sizes: when any differs, the pair is read again. */
    private record Stamp(long certificateModified, long certificateSize, long keyModified, long keySize) {

        static Stamp of(CertificateConfig c) {
            try {
                return new Stamp(Files.getLastModifiedTime(c.certificateFile()).toMillis(),
                        Files.size(c.certificateFile()), Files.getLastModifiedTime(c.keyFile()).toMillis(),
                        Files.size(c.keyFile()));
            } catch (IOException e) {
                return new Stamp(-1, -1, -1, -1); // gone for now: changed, and read again when it is back
            }
        }

        /** A single file's stamp ({@code null} file: none). */
        static Stamp of(Path file) {
            if (file == null) {
                return new Stamp(0, 0, 0, 0);
            }
            try {
                return new Stamp(Files.getLastModifiedTime(file).toMillis(), Files.size(file), 0, 0);
            } catch (IOException e) {
                return new Stamp(-1, -1, 0, 0);
            }
        }
    }

    private final TlsConfig config;
    private final boolean http2;
    private final SecurityPolicy policy;
    /** The CAs of verify mutual TLS (empty otherwise), as last read; replaced with the contexts. */
    private volatile List<X509Certificate> trustStore;
    private Stamp trustStamp;
    /** Replaced whole; read by every handshake on any event loop. */
    private volatile List<Served> served;
    /** The files' state of the last refused reload, per certificate, so that one bad file logs once. */
    private final List<Stamp> refused;

    private ServerTls(TlsConfig config, boolean http2, List<Served> served, List<X509Certificate> trustStore) {
        this.config = config;
        this.http2 = http2;
        this.policy = config.policy();
        this.trustStore = trustStore;
        this.trustStamp = Stamp.of(config.mutualAuthentication().trustStore());
        this.served = List.copyOf(served);
        this.refused = new ArrayList<>(Collections.nCopies(served.size(), (Stamp) null));
    }

    /**
     * Reads every certificate of {@code config} and builds its contexts.
     *
     * @param http2 {@code routing.http2.enabled}: ALPN offers {@code h2} first
     * @throws IllegalStateException when a file no longer reads as it did when the configuration was checked
     */
    public static ServerTls of(TlsConfig config, boolean http2) {
        List<Served> served = new ArrayList<>();
        List<X509Certificate> trustStore;
        try {
            trustStore = trustStore(config.mutualAuthentication());
        } catch (PemFiles.PemException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        for (CertificateConfig c : config.certificates()) {
            try {
                served.add(load(config, c, trustStore, http2));
            } catch (PemFiles.PemException | SSLException e) {
                throw new IllegalStateException(c.certificateFile() + ": " + e.getMessage(), e);
            }
        }
        return new ServerTls(config, http2, served, trustStore);
    }

    private static List<X509Certificate> trustStore(MutualAuthentication mtls) throws PemFiles.PemException {
        return mtls.trustStore() == null ? List.of() : PemFiles.certificates(mtls.trustStore());
    }

    private static Served load(TlsConfig config, CertificateConfig c, List<X509Certificate> trustStore,
            boolean http2) throws PemFiles.PemException, SSLException {
        Stamp stamp = Stamp.of(c);
        PemFiles.Material material = PemFiles.read(c.certificateFile(), c.keyFile());
        CertificateConfig read = CertificateConfig.of(c.certificateFile(), c.keyFile(), material.leaf());
        return new Served(read, TlsContexts.server(config.policy(), material, config.mutualAuthentication(),
                trustStore, http2), stamp);
    }

    /** The configuration it was made from (its certificates as they were read then). */
    public TlsConfig config() {
        return config;
    }

    /** Whether ALPN offers HTTP/2. */
    public boolean http2() {
        return http2;
    }

    public SecurityPolicy policy() {
        return policy;
    }

    /** The certificates in service now, the default first (what was read from the files last). */
    public List<CertificateConfig> certificates() {
        return served.stream().map(Served::config).toList();
    }

    Chosen choose(ClientHello hello) {
        List<Served> now = served;
        CertificateChoice.Choice choice = CertificateChoice.choose(
                now.stream().map(Served::config).toList(), hello.serverName(), hello.ecdsa());
        Served s = now.get(choice.index());
        return new Chosen(s.context(), choice.matchedName() ? hello.serverName() : null, s.config().arn(),
                config.mutualAuthentication().mode());
    }

    /** Reads again each certificate whose files changed; called off the event loops (it reads files). */
    public synchronized void reloadIfChanged() {
        List<Served> next = new ArrayList<>(served);
        boolean changed = false;
        boolean storeChanged = reloadTrustStore();
        for (int i = 0; i < next.size(); i++) {
            Served s = next.get(i);
            Stamp stamp = Stamp.of(s.config());
            if (!storeChanged && (stamp.equals(s.stamp()) || stamp.equals(refused.get(i)))) {
                continue;
            }
            try {
                Served fresh = load(config, s.config(), trustStore, http2);
                next.set(i, fresh);
                refused.set(i, null);
                changed = true;
                log.info("Certificate {} reloaded: {} valid until {}", s.config().certificateFile(),
                        fresh.config().names(), fresh.config().notAfter());
            } catch (PemFiles.PemException | SSLException e) {
                refused.set(i, stamp);
                log.warn("Certificate {} changed but cannot be used ({}); the previous certificate stays",
                        s.config().certificateFile(), e.getMessage());
            }
        }
        if (changed) {
            served = List.copyOf(next);
        }
    }

    /** Reads the trust store again if its file changed; returns whether the contexts must be made again. */
    private boolean reloadTrustStore() {
        Path file = config.mutualAuthentication().trustStore();
        Stamp stamp = Stamp.of(file);
        if (file == null || stamp.equals(trustStamp)) {
            return false;
        }
        trustStamp = stamp;
        try {
            trustStore = PemFiles.certificates(file);
            log.info("Trust store {} reloaded: {} CA certificates", file, trustStore.size());
            return true;
        } catch (PemFiles.PemException e) {
            log.warn("Trust store {} changed but cannot be read ({}); the previous one stays", file, e.getMessage());
            return false;
        }
    }
}
