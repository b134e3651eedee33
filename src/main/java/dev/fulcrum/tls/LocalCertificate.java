package dev.fulcrum.tls;

import static dev.fulcrum.core.Der.oid;
import static dev.fulcrum.core.Der.sequence;
import static dev.fulcrum.core.Der.tlv;

import dev.fulcrum.core.Der;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed ECDSA P-256 certificate made on the spot, for {@code fulcrum demo} and the lab's HTTPS listeners:
 * DNS names and IP addresses in its subject alternative names, written as PEM files. Made with the JDK alone (the
 * DER of RFC 5280 written here), so nothing outside the jar is needed and nothing committed expires.
 */
public final class LocalCertificate {

    /** The two files of a certificate. */
    public record Pair(Path certificateFile, Path keyFile) {
    }

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private LocalCertificate() {
    }

    /**
     * Writes {@code <name>.pem} and {@code <name>.key} into {@code folder}.
     *
     * @param names DNS names and IP literals; the first is also the subject's common name
     */
    public static Pair write(Path folder, String name, List<String> names, Duration validity)
            throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        byte[] algorithm = sequence(oid(ECDSA_WITH_SHA256));
        byte[] subject = sequence(tlv(Der.SET, sequence(oid(COMMON_NAME), tlv(Der.UTF8_STRING, names.get(0)
                .getBytes(StandardCharsets.UTF_8)))));
        byte[] tbs = sequence(
                tlv(0xa0, integer(BigInteger.TWO)),                             // version 3
                integer(new BigInteger(64, new SecureRandom()).setBit(62)),      // serial, positive
                algorithm,
                subject,                                                         // issuer: itself
                sequence(utcTime(now.minus(Duration.ofHours(1))), utcTime(now.plus(validity))),
                subject,
                pair.getPublic().getEncoded(),                                   // SubjectPublicKeyInfo
                tlv(0xa3, sequence(sequence(oid(SUBJECT_ALT_NAME), tlv(Der.OCTET_STRING, alternativeNames(names))))));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        byte[] certificate = sequence(tbs, algorithm, bitString(signer.sign()));
        Files.createDirectories(folder);
        Path cert = folder.resolve(name + ".pem");
        Path key = folder.resolve(name + ".key");
        Files.writeString(cert, pem("CERTIFICATE", certificate));
        Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        return new Pair(cert, key);
    }

    /** GeneralNames: dNSName [2] for names, iPAddress [7] for literals. */
    private static byte[] alternativeNames(List<String> names) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String n : names) {
            if (n.matches("[0-9.]+") || n.contains(":")) {
                out.write(tlv(0x87, InetAddress.getByName(n).getAddress()));
            } else {
                out.write(tlv(0x82, n.getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return sequence(out.toByteArray());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] utcTime(Instant t) {
        return tlv(Der.UTC_TIME, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] integer(BigInteger n) {
        return tlv(Der.INTEGER, n.toByteArray());
    }

    private static byte[] bitString(byte[] bits) {
        byte[] value = new byte[bits.length + 1]; // no unused bits
        System.arraycopy(bits, 0, value, 1, bits.length);
        return tlv(Der.BIT_STRING, value);
    }
}
