package dev.fulcrum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fulcrum.config.AdminConfig;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.Protocol;
import dev.fulcrum.testing.TestConfigs;
import dev.fulcrum.transport.Transport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An address the balancer cannot listen on is a {@link CannotListenException} with the address, the element of the
 * configuration and the system's short reason, whichever transport tried: NIO throws a BindException, io_uring and
 * epoll Netty's NativeIoException with the errno.
 */
class CannotListenTest {

    private static FulcrumConfig config(String listenerAddress, int listenerPort, int adminPort) {
        FulcrumConfig base = TestConfigs.forwardingTo(TestConfigs.group("web"));
        ListenerConfig listener = base.listeners().get(0);
        return new FulcrumConfig(base.loadBalancer(), new AdminConfig("127.0.0.1", adminPort),
                List.of(new ListenerConfig(listenerAddress, listenerPort, Protocol.HTTP, listener.rules(),
                        listener.defaultActions())),
                base.targetGroups());
    }

    private static CannotListenException startFails(FulcrumConfig config, Transport transport) {
        CannotListenException e = catchThrowableOfType(CannotListenException.class, () -> Fulcrum.start(config,
                FulcrumOptions.builder().transport(transport.name()).eventLoops(1).build()).close());
        assertThat(e).as("the start failed with a CannotListenException").isNotNull();
        return e;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTakenAdminPortIsAddressAlreadyInUseOnEveryTransport(Transport transport) throws Exception {
        assumeTrue(transport.isAvailable(), transport + " is not available here");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            CannotListenException e = startFails(config("127.0.0.1", 0, taken.getLocalPort()), transport);
            assertThat(e.getMessage()).isEqualTo("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (admin.listen): address already in use");
            assertThat(e.address()).isEqualTo("127.0.0.1:" + taken.getLocalPort());
            assertThat(e.configPath()).isEqualTo("admin.listen");
            assertThat(e.reason()).isEqualTo("address already in use");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aListenerOnAnAddressThisMachineDoesNotHaveSaysSo(Transport transport) {
        assumeTrue(transport.isAvailable(), transport + " is not available here");
        CannotListenException e = startFails(config("192.0.2.1", 0, 0), transport); // TEST-NET-1: nobody's address
        assertThat(e.getMessage()).isEqualTo("cannot listen on 192.0.2.1:0 (listeners[0]): cannot assign requested"
                + " address");
    }
}
