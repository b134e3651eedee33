package dev.fulcrum.tls;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * What the certificate choice needs of a ClientHello (RFC 8446 section 4.1.2): the name asked for (SNI) and whether
 * the client can take an ECDSA certificate. Read leniently: anything that does not parse leaves the defaults (no
 * name, RSA), and the TLS engine then judges the hello itself.
 *
 * @param serverName the host_name of server_name, {@code null} when absent
 */
record ClientHello(String serverName, boolean ecdsa) {

    static final ClientHello NONE = new ClientHello(null, false);

    private static final int SERVER_NAME = 0;
    private static final int SIGNATURE_ALGORITHMS = 13;
    private static final int SUPPORTED_VERSIONS = 43;
    private static final int TLS13 = 0x0304;
    /** SignatureAlgorithm ecdsa(3), the low byte of TLS 1.2's pairs and of TLS 1.3's ecdsa_* schemes. */
    private static final int ECDSA = 3;

    /** @param hello the ClientHello's body (after its handshake header), {@code null} for none */
    static ClientHello parse(ByteBuf hello) {
        if (hello == null) {
            return NONE;
        }
        try {
            return read(hello, hello.readerIndex(), hello.writerIndex());
        } catch (IndexOutOfBoundsException e) {
            return NONE;
        }
    }

    private static ClientHello read(ByteBuf b, int at, int end) {
        at += 2 + 32;                                  // legacy_version, random
        at += 1 + b.getUnsignedByte(at);               // legacy_session_id
        int suitesLength = b.getUnsignedShort(at);
        boolean ecdsaSuite = false;
        for (int i = at + 2; i < at + 2 + suitesLength; i += 2) {
            ecdsaSuite |= isEcdsaSuite(b.getUnsignedShort(i));
        }
        at += 2 + suitesLength;
        at += 1 + b.getUnsignedByte(at);               // legacy_compression_methods
        if (at + 2 > end) {
            return new ClientHello(null, ecdsaSuite); // no extensions: TLS 1.2's default sha1 with the suite's kind
        }
        int extensionsEnd = Math.min(end, at + 2 + b.getUnsignedShort(at));
        at += 2;
        String serverName = null;
        boolean sawSignatureAlgorithms = false;
        boolean ecdsaSignature = false;
        boolean tls13 = false;
        while (at + 4 <= extensionsEnd) {
            int type = b.getUnsignedShort(at);
            int length = b.getUnsignedShort(at + 2);
            int data = at + 4;
            switch (type) {
                case SERVER_NAME -> serverName = hostName(b, data);
                case SIGNATURE_ALGORITHMS -> {
                    sawSignatureAlgorithms = true;
                    int n = b.getUnsignedShort(data);
                    for (int i = data + 2; i + 1 < data + 2 + n; i += 2) {
                        ecdsaSignature |= b.getUnsignedByte(i + 1) == ECDSA;
                    }
                }
                case SUPPORTED_VERSIONS -> {
                    int n = b.getUnsignedByte(data);
                    for (int i = data + 1; i + 1 < data + 1 + n; i += 2) {
                        tls13 |= b.getUnsignedShort(i) == TLS13;
                    }
                }
                default -> { }
            }
            at = data + length;
        }
        boolean signs = sawSignatureAlgorithms ? ecdsaSignature : ecdsaSuite;
        return new ClientHello(serverName, signs && (tls13 || ecdsaSuite));
    }

    /** The host_name entry of a server_name list (RFC 6066 section 3). */
    private static String hostName(ByteBuf b, int data) {
        int listEnd = data + 2 + b.getUnsignedShort(data);
        for (int i = data + 2; i + 3 <= listEnd; ) {
            int nameType = b.getUnsignedByte(i);
            int length = b.getUnsignedShort(i + 1);
            if (nameType == 0) {
                return b.toString(i + 3, length, StandardCharsets.US_ASCII);
            }
            i += 3 + length;
        }
        return null;
    }

    /** TLS_ECDHE_ECDSA_* of the policies: AES-CBC, AES-GCM and ChaCha20 (RFC 4492, 5289, 7905). */
    private static boolean isEcdsaSuite(int suite) {
        return suite == 0xc009 || suite == 0xc00a || suite == 0xc023 || suite == 0xc024 || suite == 0xc02b
                || suite == 0xc02c || suite == 0xcca9;
    }
}
