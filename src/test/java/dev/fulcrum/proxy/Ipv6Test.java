package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fulcrum.config.AdminConfig;
import dev.fulcrum.config.ConditionConfig;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.config.LoadBalancerConfig;
import dev.fulcrum.config.Protocol;
import dev.fulcrum.config.XffMode;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.TestBalancer;
import dev.fulcrum.testing.TestConfigs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A listener on ::1: IPv6 clients in X-Forwarded-For, source-ip v6 rules, bracketed hosts. */
class Ipv6Test {

    @Test
    void writesAnIpv6ClientInXForwardedForWithBracketsAroundAddressAndPort() {
        assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback (::1): nothing can listen there");
        try (FakeTarget t = FakeTarget.start("t")) {
            var rules = List.of(TestConfigs.rule(10,
                    new dev.fulcrum.config.ActionConfig.FixedResponse(200, "text/plain", "v6 loopback"),
                    new ConditionConfig.SourceIp(List.of("::1/128")),
                    new ConditionConfig.PathPattern(List.of("/whoami"))));
            ListenerConfig listener = new ListenerConfig("::1", 0, Protocol.HTTP, rules, List.of(forward("web")));
            FulcrumConfig config = new FulcrumConfig(new LoadBalancerConfig("v6",
                    LoadBalancerAttributes.defaults().withXff(XffMode.APPEND, true)), new AdminConfig("127.0.0.1", 0),
                    List.of(listener), List.of(group("web", t)));
            try (TestBalancer lb = TestBalancer.start(config);
                    RawHttpClient c = RawHttpClient.connect(new InetSocketAddress("::1", lb.port()))) {
                assertThat(c.send("GET /whoami HTTP/1.1\r\nHost: [::1]:" + lb.port() + "\r\n\r\n").readResponse()
                        .bodyText()).isEqualTo("v6 loopback");
                assertThat(c.send("GET / HTTP/1.1\r\nHost: [::1]\r\n\r\n").readResponse().status()).isEqualTo(200);
                FakeTarget.Received req = t.take();
                assertThat(req.header("X-Forwarded-For")).isEqualTo("[::1]:" + c.socket().getLocalPort());
                assertThat(req.header("Host")).isEqualTo("[::1]:" + lb.port());
            }
        }
    }

    private static boolean hasIpv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
