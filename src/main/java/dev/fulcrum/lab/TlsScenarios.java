package dev.fulcrum.lab;

import static dev.fulcrum.lab.Scenario.AfterResponse.CLOSED;
import static dev.fulcrum.lab.Scenario.AfterResponse.GOAWAY;
import static dev.fulcrum.lab.Scenario.AfterResponse.KEPT;

import dev.fulcrum.config.CertificateConfig;
import dev.fulcrum.core.LbError;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * TLS and HTTP/2: plain HTTP sent to an HTTPS listener, a name no certificate is for, an HTTP/2 connection past its
 * request limit, and HTTPS targets whose handshake fails or stalls.
 */
final class TlsScenarios {

    private static final String GET = "GET / HTTP/1.1\r\nHost: lab.example\r\n\r\n";
    private static final String TOKEN_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private TlsScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("000-http2-request-limit", LbError.HTTP2_REQUEST_LIMIT,
                        "An HTTP/2 client sends 10,001 requests on one connection: the first 10,000 are served, the"
                                + " next gets no response (000), GOAWAY names the last served stream, and the"
                                + " connection closes.", GOAWAY,
                        b -> {
                            b.httpsBalancer(b.healthyTarget());
                            H2Client client = b.h2Client();
                            for (int i = 1; i <= 10_000; i++) {
                                if (client.get("/").status().get(10, TimeUnit.SECONDS) != 200) {
                                    throw new AssertionError("request " + i + " was not served");
                                }
                            }
                            client.get("/").status().get(10, TimeUnit.SECONDS);
                            return null;
                        }),
                new Scenario("000-http2-header-over-8k", LbError.HTTP2_HEADER_BLOCK_TOO_LARGE,
                        "An HTTP/2 client sends a request whose headers are about 9 KiB compressed (a 12,000-character"
                                + " random token): no response (000), GOAWAY, and the connection closes.", GOAWAY,
                        b -> {
                            b.httpsBalancer(b.healthyTarget());
                            b.h2Client().get("/", "x-token", randomToken(12_000)).status().get(10, TimeUnit.SECONDS);
                            return null;
                        }),
                new Scenario("200-certificate-name-mismatch", null, 200, null,
                        "The client asks for www.example.com (SNI), which no certificate of the HTTPS listener is"
                                + " for: the default one (lab.example) is served, which a browser refuses with"
                                + " NET::ERR_CERT_COMMON_NAME_INVALID; a client that checks no name (curl -k) gets"
                                + " the target's 200, and the log's domain_name is -.", KEPT,
                        b -> {
                            b.httpsBalancer(b.healthyTarget());
                            RawHttpClient client = b.tlsClient("www.example.com");
                            List<String> names = CertificateConfig.names(b.servedCertificate());
                            if (names.contains("www.example.com")) {
                                throw new AssertionError("the listener had a certificate for www.example.com");
                            }
                            return client.send("GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n").readResponse();
                        }),
                new Scenario("400-plain-http-on-https-port", LbError.PLAIN_HTTP_ON_HTTPS_PORT,
                        "The client sends plain HTTP (http://) to the HTTPS listener's port.", CLOSED,
                        b -> {
                            b.httpsBalancer(b.healthyTarget());
                            return b.client().send(GET).readResponse();
                        }),
                new Scenario("502-target-tls-handshake-error", LbError.TARGET_TLS_NEGOTIATION_ERROR,
                        "The target group's protocol is HTTPS but the target speaks plain HTTP: it answers the"
                                + " ClientHello with an HTTP 400, as NGINX does, and the TLS handshake fails.", KEPT,
                        b -> {
                            int plain = b.target(s -> {
                                s.getInputStream().read(new byte[512]); // the ClientHello, read as a bad request
                                RawTarget.write(s, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                                        + "Connection: close\r\n\r\n");
                            });
                            b.balancer(LabBench.attributes(0, 0), LabBench.httpsGroup("lab-targets", plain),
                                    List.of());
                            return b.client().send(GET).readResponse();
                        }),
                new Scenario("504-target-tls-handshake-timeout", LbError.TARGET_TLS_HANDSHAKE_TIMEOUT,
                        "An HTTPS target accepts the connection and never answers the ClientHello (1 s in the lab).",
                        KEPT,
                        b -> {
                            int silent = b.target(s -> b.stall());
                            b.balancer(LabBench.attributes(0, 0), LabBench.httpsGroup("lab-targets", silent),
                                    List.of());
                            return b.client().send(GET).readResponse();
                        }));
    }

    /** Letters and digits drawn at random (seeded): HPACK's Huffman code cannot shrink them below 6 bits each. */
    private static String randomToken(int length) {
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(TOKEN_CHARACTERS.charAt(random.nextInt(TOKEN_CHARACTERS.length())));
        }
        return token.toString();
    }
}
