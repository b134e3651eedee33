package dev.fulcrum.config;

import dev.fulcrum.core.Der;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files with the JDK alone: a certificate chain (the leaf first) and its private key, PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}), RSA or ECDSA as on ALB.
 * Every failure is a {@link PemException} whose message says what is wrong in words for the configuration's reader.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([^-]*?)-----END \\1-----", Pattern.DOTALL);
    /** AlgorithmIdentifier { rsaEncryption, NULL } (RFC 8017 appendix A.1). */
    private static final byte[] RSA_ALGORITHM = Der.sequence(Der.oid("1.2.840.113549.1.1.1"), new byte[] {0x05, 0x00});
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    /** A chain and the key of its leaf. */
    public record Material(List<X509Certificate> chain, PrivateKey key) {

        public Material {
            chain = List.copyOf(chain);
        }

        public X509Certificate leaf() {
            return chain.get(0);
        }
    }

    /** What is wrong with a PEM file, in words for the configuration's reader. */
    public static final class PemException extends Exception {

        PemException(String message) {
            super(message, null, false, false);
        }
    }

    private PemFiles() {
    }

    /** Reads both files and checks that the key is the leaf certificate's. */
    public static Material read(Path certificateFile, Path keyFile) throws PemException {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new PemException("the key in " + keyFile + " is not the key of the certificate in "
                    + certificateFile);
        }
        return new Material(chain, key);
    }

    /** The certificates of a PEM file, in file order: a chain's leaf first. */
    public static List<X509Certificate> certificates(Path file) throws PemException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (!block.label.equals("CERTIFICATE")) {
                continue; // a key or parameters next to the chain: not ours to read here
            }
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der)));
            } catch (CertificateException e) {
                throw new PemException(file + ": certificate " + (certificates.size() + 1) + " is not a valid X.509"
                        + " certificate (" + e.getMessage() + ")");
            }
        }
        if (certificates.isEmpty()) {
            throw new PemException(file + ": no certificate (expected: PEM blocks BEGIN CERTIFICATE, the leaf first)");
        }
        return certificates;
    }

    /** The first private key of a PEM file. */
    public static PrivateKey privateKey(Path file) throws PemException {
        for (Block block : blocks(file)) {
            switch (block.label) {
                case "PRIVATE KEY":
                    return pkcs8(file, block.der);
                case "RSA PRIVATE KEY":
                    if (block.encrypted) {
                        throw encrypted(file);
                    }
                    return pkcs8(file, wrap(RSA_ALGORITHM, block.der));
                case "EC PRIVATE KEY":
                    if (block.encrypted) {
                        throw encrypted(file);
                    }
                    return pkcs8(file, wrap(ecAlgorithm(file, block.der), block.der));
                case "ENCRYPTED PRIVATE KEY":
                    throw encrypted(file);
                default:
                    break;
            }
        }
        throw new PemException(file + ": no private key (expected: a PEM block BEGIN PRIVATE KEY, BEGIN RSA PRIVATE"
                + " KEY or BEGIN EC PRIVATE KEY)");
    }

    /** {@code RSA} or {@code EC} with the key's size in bits (an RSA modulus, an EC field). */
    public static String keyAlgorithm(PublicKey key) {
        return key.getAlgorithm().toUpperCase(Locale.ROOT);
    }

    public static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return 0;
    }

    private static PemException encrypted(Path file) {
        return new PemException(file + ": the private key is encrypted (expected: an unencrypted key, as the"
                + " balancer reads it unattended; decrypt it with openssl pkey -in FILE -out FILE)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws PemException {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // not this algorithm: try the next
            }
        }
        throw new PemException(file + ": the private key is not an RSA or ECDSA key (ALB's certificates are one of"
                + " the two)");
    }

    /** Whether {@code key} signs what {@code publicKey} verifies. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] probe = "fulcrum key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** PKCS#8 around a PKCS#1 or SEC 1 key: SEQUENCE { INTEGER 0, algorithm, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        return Der.sequence(new byte[] {Der.INTEGER, 0x01, 0x00}, algorithm, Der.tlv(Der.OCTET_STRING, key));
    }

    /** SEQUENCE { OID ecPublicKey, curve OID } from a SEC 1 key's parameters ([0]). */
    private static byte[] ecAlgorithm(Path file, byte[] sec1) throws PemException {
        DerReader der = new DerReader(sec1);
        try {
            der.enter(0x30);
            der.skip(0x02); // version
            der.skip(0x04); // the private key
            if (der.peek() != 0xa0) {
                throw new PemException(file + ": the EC private key does not name its curve (expected: parameters"
                        + " with the curve's OID, as openssl ecparam -genkey writes)");
            }
            der.enter(0xa0);
            byte[] curve = der.element(0x06);
            return Der.sequence(Der.oid(EC_PUBLIC_KEY), curve);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new PemException(file + ": the EC private key is not valid DER");
        }
    }

    private record Block(String label, byte[] der, boolean encrypted) {
    }

    private static List<Block> blocks(Path file) throws PemException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new PemException(file + ": no such file");
        } catch (IOException e) {
            throw new PemException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            boolean encrypted = body.contains("Proc-Type: 4,ENCRYPTED");
            if (encrypted) {
                blocks.add(new Block(m.group(1), new byte[0], true));
                continue;
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body.strip()), false));
            } catch (IllegalArgumentException e) {
                throw new PemException(file + ": the " + m.group(1) + " block is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new PemException(file + ": not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }

    /** Just enough DER to find a SEC 1 key's curve: definite lengths, one level at a time. */
    private static final class DerReader {

        private final byte[] bytes;
        private int at;

        DerReader(byte[] bytes) {
            this.bytes = bytes;
        }

        /** The next tag, -1 at the end. */
        int peek() {
            return at < bytes.length ? bytes[at] & 0xff : -1;
        }

        /** Steps into an element's contents. */
        void enter(int tag) {
            expect(tag);
            length();
        }

        void skip(int tag) {
            expect(tag);
            int n = length(); // read first: at moves past the length bytes
            at += n;
        }

        /** The whole element, tag and length included. */
        byte[] element(int tag) {
            int start = at;
            expect(tag);
            int n = length();
            at += n;
            byte[] out = new byte[at - start];
            System.arraycopy(bytes, start, out, 0, out.length);
            return out;
        }

        private void expect(int tag) {
            if (peek() != tag) {
                throw new IllegalArgumentException("tag " + peek());
            }
            at++;
        }

        private int length() {
            int first = bytes[at++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int count = first & 0x7f;
            if (count > 3) {
                throw new IllegalArgumentException("length");
            }
            int n = 0;
            for (int i = 0; i < count; i++) {
                n = n << 8 | bytes[at++] & 0xff;
            }
            return n;
        }
    }
}
