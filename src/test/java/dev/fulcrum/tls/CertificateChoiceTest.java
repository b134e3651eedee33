package dev.fulcrum.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.config.CertificateConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ALB's choice of certificate, rule by rule, on certificates described by their facts alone. */
class CertificateChoiceTest {

    private static final Instant SOON = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2028-01-01T00:00:00Z");

    private static CertificateConfig cert(String algorithm, int bits, Instant notAfter, String... names) {
        return new CertificateConfig(Path.of("/c.pem"), Path.of("/c.key"), "arn", List.of(names), algorithm, bits,
                Instant.parse("2026-01-01T00:00:00Z"), notAfter);
    }

    private static CertificateChoice.Choice choose(List<CertificateConfig> certs, String name, boolean ecdsa) {
        return CertificateChoice.choose(certs, name, ecdsa);
    }

    @Test
    void servesTheDefaultWithoutSniOrWhenNoCertificateIsForTheName() {
        List<CertificateConfig> certs = List.of(cert("RSA", 2048, SOON, "default.test"),
                cert("RSA", 2048, SOON, "a.test"));
        assertThat(choose(certs, null, true)).isEqualTo(new CertificateChoice.Choice(0, false));
        assertThat(choose(certs, "", true)).isEqualTo(new CertificateChoice.Choice(0, false));
        assertThat(choose(certs, "other.test", true)).isEqualTo(new CertificateChoice.Choice(0, false));
    }

    @Test
    void prefersTheExactNameToAWildcardAndMatchesCaseInsensitivelyAndWithoutTheTrailingDot() {
        List<CertificateConfig> certs = List.of(cert("RSA", 2048, SOON, "default.test"),
                cert("EC", 384, LATER, "*.shop.test"), cert("RSA", 2048, SOON, "www.shop.test"));
        assertThat(choose(certs, "WWW.Shop.Test.", true)).isEqualTo(new CertificateChoice.Choice(2, true));
        assertThat(choose(certs, "api.shop.test", true)).isEqualTo(new CertificateChoice.Choice(1, true));
        assertThat(choose(certs, "a.b.shop.test", true)).as("a wildcard covers one label")
                .isEqualTo(new CertificateChoice.Choice(0, false));
        assertThat(choose(certs, "shop.test", true)).isEqualTo(new CertificateChoice.Choice(0, false));
    }

    @Test
    void theDefaultCertificateTakesPartInTheMatching() {
        List<CertificateConfig> certs = List.of(cert("RSA", 2048, SOON, "shop.test"), cert("RSA", 2048, SOON, "x"));
        assertThat(choose(certs, "shop.test", false)).isEqualTo(new CertificateChoice.Choice(0, true));
    }

    @Test
    void amongSeveralPrefersEcdsaThenTheLongerKeyThenTheLaterExpiry() {
        CertificateConfig rsa4096 = cert("RSA", 4096, LATER, "a.test");
        CertificateConfig ec256 = cert("EC", 256, SOON, "a.test");
        CertificateConfig ec384 = cert("EC", 384, SOON, "a.test");
        CertificateConfig ec384later = cert("EC", 384, LATER, "a.test");
        CertificateConfig def = cert("RSA", 2048, SOON, "default.test");

        assertThat(choose(List.of(def, rsa4096, ec256), "a.test", true).index()).as("ECDSA before RSA").isEqualTo(2);
        assertThat(choose(List.of(def, ec256, ec384), "a.test", true).index()).as("the longer key").isEqualTo(2);
        assertThat(choose(List.of(def, ec384, ec384later), "a.test", true).index()).as("the later expiry")
                .isEqualTo(2);
        assertThat(choose(List.of(def, cert("RSA", 2048, SOON, "a.test"), rsa4096), "a.test", true).index())
                .isEqualTo(2);
    }

    @Test
    void givesAClientThatCannotVerifyEcdsaAnRsaCertificate() {
        CertificateConfig def = cert("RSA", 2048, SOON, "default.test");
        CertificateConfig rsa = cert("RSA", 2048, SOON, "a.test");
        CertificateConfig ec = cert("EC", 384, LATER, "a.test");
        assertThat(choose(List.of(def, ec, rsa), "a.test", false)).isEqualTo(new CertificateChoice.Choice(2, true));
        assertThat(choose(List.of(def, ec), "a.test", false))
                .as("only an ECDSA one matches: it is still the one for the name").isEqualTo(
                        new CertificateChoice.Choice(1, true));
    }
}
