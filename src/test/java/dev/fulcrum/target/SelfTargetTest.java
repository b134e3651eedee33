package dev.fulcrum.target;

import static dev.fulcrum.testing.HealthConfigs.group;
import static dev.fulcrum.testing.HealthConfigs.target;
import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.listener;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.TestConfigs;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A target that is one of the balancer's own listeners would send every request back into the balancer, again and
 * again, until connections run out. As ALB, such a target is {@code unused} with {@code Target.IpUnusable}: never
 * checked, never routed to.
 */
class SelfTargetTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create();

    @Test
    void aTargetAtTheListenersOwnAddressIsUnusedAndGetsNoRequest() throws Exception {
        FakeTarget real = lb.keep(FakeTarget.start("real"));
        Fulcrum f = lb.start(web(real.port()));
        int self = f.port(0);

        Target loop = f.registerTarget("web", TestConfigs.target(self));
        assertThat(loop.health()).isEqualTo(TargetHealth.IP_UNUSABLE);
        assertThat(loop.health().state().apiName()).isEqualTo("unused");
        assertThat(loop.health().reason()).isEqualTo("Target.IpUnusable");
        assertThat(loop.health().description())
                .isEqualTo("The IP address cannot be used as a target, as it is in use by a load balancer");
        try (RawHttpClient client = RawHttpClient.connect(self)) {
            for (int i = 0; i < 6; i++) {
                assertThat(client.get("/").readResponse().bodyText()).isEqualTo("real");
            }
        }
        assertThat(f.targetGroups().get("web").routable()).containsExactly(target(f, "web", real.port()));
        assertThat(lb.log().size()).isEqualTo(6); // each request once: none came back in through the listener
    }

    @Test
    void aReloadThatMovesTheListenerAwayMakesTheTargetUsableAgain() throws Exception {
        FakeTarget real = lb.keep(FakeTarget.start("real"));
        Fulcrum f = lb.start(web(real.port()));
        int self = f.port(0);
        FulcrumConfig withSelf = config(LoadBalancerAttributes.defaults(), listenerOn("127.0.0.1", self),
                group("web", TestConfigs.NO_HEALTH_CHECK, real.port(), self));
        f.reload(withSelf);
        assertThat(target(f, "web", self).health()).isEqualTo(TargetHealth.IP_UNUSABLE);

        // The listener moves to another loopback address: nothing listens at the target any more, so it is an
        // ordinary target again.
        f.reload(config(LoadBalancerAttributes.defaults(), listenerOn("127.0.0.2", 0), withSelf.targetGroups().get(0)));
        assertThat(f.listenerAddresses()).extracting(a -> a.getAddress().getHostAddress()).containsExactly("127.0.0.2");
        assertThat(target(f, "web", self).health()).isEqualTo(TargetHealth.HEALTH_CHECK_DISABLED);
    }

    @Test
    void aListenerOnEveryAddressCoversEveryAddressOfThisMachineOnItsPort() {
        BalancerAddresses wildcard = BalancerAddresses.of(List.of(new InetSocketAddress("0.0.0.0", 8080)));
        assertThat(wildcard.contains(new InetSocketAddress("127.0.0.1", 8080))).isTrue();
        assertThat(wildcard.contains(new InetSocketAddress("127.0.0.2", 8080))).isTrue();
        assertThat(wildcard.contains(new InetSocketAddress("127.0.0.1", 8081))).isFalse();
        assertThat(wildcard.contains(new InetSocketAddress("192.0.2.77", 8080))).isFalse(); // TEST-NET: not ours

        BalancerAddresses loopback = BalancerAddresses.of(List.of(new InetSocketAddress("127.0.0.1", 8080)));
        assertThat(loopback.contains(new InetSocketAddress("127.0.0.2", 8080))).isFalse();
        BalancerAddresses v6 = BalancerAddresses.of(List.of(new InetSocketAddress("::1", 8080)));
        assertThat(v6.contains(new InetSocketAddress("0:0:0:0:0:0:0:1", 8080))).isTrue();
    }

    private static FulcrumConfig web(int... ports) {
        return config(LoadBalancerAttributes.defaults(), listener(List.of(), forward("web")),
                group("web", TestConfigs.NO_HEALTH_CHECK, ports));
    }

    private static ListenerConfig listenerOn(String address, int port) {
        ListenerConfig l = listener(List.of(), forward("web"));
        return new ListenerConfig(address, port, l.protocol(), l.rules(), l.defaultActions());
    }
}
