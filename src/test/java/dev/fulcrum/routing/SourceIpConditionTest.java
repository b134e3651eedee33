package dev.fulcrum.routing;

import static dev.fulcrum.routing.Rules.matches;
import static dev.fulcrum.routing.Rules.sourceIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SourceIpConditionTest {

    @Test
    void ipv4ClientMatchesAnIpv4Block() {
        assertThat(matches(sourceIp("10.0.0.0/8"), new TestRequest().source("10.200.3.4"))).isTrue();
        assertThat(matches(sourceIp("10.0.0.0/8"), new TestRequest().source("11.0.0.1"))).isFalse();
    }

    @Test
    void prefixThatIsNotAByteBoundaryIsHonoured() {
        assertThat(matches(sourceIp("192.168.0.0/20"), new TestRequest().source("192.168.15.255"))).isTrue();
        assertThat(matches(sourceIp("192.168.0.0/20"), new TestRequest().source("192.168.16.0"))).isFalse();
    }

    @Test
    void singleAddressBlocksMatchOnlyThatAddress() {
        assertThat(matches(sourceIp("203.0.113.7/32"), new TestRequest().source("203.0.113.7"))).isTrue();
        assertThat(matches(sourceIp("203.0.113.7/32"), new TestRequest().source("203.0.113.8"))).isFalse();
        assertThat(matches(sourceIp("2001:db8::1/128"), new TestRequest().source("2001:db8::1"))).isTrue();
        assertThat(matches(sourceIp("2001:db8::1/128"), new TestRequest().source("2001:db8::2"))).isFalse();
    }

    @Test
    void zeroPrefixMatchesEveryAddressOfItsFamilyOnly() {
        assertThat(matches(sourceIp("0.0.0.0/0"), new TestRequest().source("198.51.100.1"))).isTrue();
        assertThat(matches(sourceIp("0.0.0.0/0"), new TestRequest().source("2001:db8::1"))).isFalse();
        assertThat(matches(sourceIp("::/0"), new TestRequest().source("2001:db8::1"))).isTrue();
        assertThat(matches(sourceIp("::/0"), new TestRequest().source("198.51.100.1"))).isFalse();
    }

    @Test
    void ipv6ClientMatchesAnIpv6Block() {
        assertThat(matches(sourceIp("2001:db8::/32"), new TestRequest().source("2001:db8:ffff::1"))).isTrue();
        assertThat(matches(sourceIp("2001:db8::/32"), new TestRequest().source("2001:db9::1"))).isFalse();
    }

    @Test
    void ipv4MappedIpv6ClientMatchesAsIpv4() throws Exception {
        InetAddress mapped = Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3}, -1);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(matches(sourceIp("10.0.0.0/8"), new TestRequest().source(mapped))).isTrue();
        assertThat(matches(sourceIp("::/0"), new TestRequest().source(mapped))).isFalse();
    }

    @Test
    void ipv4MappedBlockMatchesIpv4Clients() {
        assertThat(matches(sourceIp("::ffff:10.0.0.0/104"), new TestRequest().source("10.9.9.9"))).isTrue();
        assertThat(matches(sourceIp("::ffff:10.0.0.0/104"), new TestRequest().source("11.9.9.9"))).isFalse();
    }

    @Test
    void hostBitsInTheBlockAreIgnored() {
        assertThat(matches(sourceIp("10.1.2.3/8"), new TestRequest().source("10.9.9.9"))).isTrue();
    }

    @Test
    void anyOfTheBlocksMayMatch() {
        assertThat(matches(sourceIp("10.0.0.0/8", "2001:db8::/32"), new TestRequest().source("2001:db8::5")))
                .isTrue();
    }

    @Test
    void missingSourceAddressNeverMatches() {
        assertThat(matches(sourceIp("0.0.0.0/0"), new TestRequest().source((InetAddress) null))).isFalse();
    }

    @Test
    void compileRefusesValuesThatAreNotCidrBlocks() {
        for (String bad : new String[] {"10.0.0.1", "10.0.0.0/33", "10.0.0/8", "256.0.0.0/8", "example.com/8",
                "2001:db8::/129", "fe80::1%eth0/64", ".:1/64", "g::/16", "10.0.0.0/", "/8", "::ffff:10.0.0.0/64"}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("source-ip: " + bad);
        }
    }
}
