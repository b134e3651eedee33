package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "255.255.255.255", "::", "::1", "1::", "2001:db8::8a2e:370:7334",
            "1:2:3:4:5:6:7:8", "FE80::1", "::ffff:192.0.2.1", "1:2:3:4:5:6:1.2.3.4", "1::2:3:4:5:6:7"})
    void parsesLiteralsToTheSameBytesAsTheJdk(String literal) throws Exception {
        byte[] expected = jdkBytes(literal);

        assertThat(IpLiterals.parse(literal)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", ":", ":::",
            "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1", "::1%eth0", "[::1]", "1.2.3.4::",
            "::1.2.3.4:1", "1:2:3:4:5:6:7::8", " 1.2.3.4"})
    void refusesAnythingElseWithoutAskingDns(String text) {
        assertThat(IpLiterals.parse(text)).isEmpty();
    }

    private static byte[] jdkBytes(String literal) throws Exception {
        byte[] bytes = InetAddress.getByName(literal).getAddress();
        if (bytes.length == 4 && literal.indexOf(':') >= 0) {
            // The JDK folds IPv4-mapped IPv6 addresses to IPv4; the configuration keeps them as written.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return mapped;
        }
        return bytes;
    }
}
