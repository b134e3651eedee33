package dev.fulcrum.admin;

import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static dev.fulcrum.testing.TestConfigs.group;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.TestBalancer;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    @Test
    void listsItsResourcesAndAnswers404ForUnknownPaths() {
        try (FakeTarget t = FakeTarget.start("t"); TestBalancer lb = TestBalancer.start(forwardingTo(group("web", t)))) {
            try (RawHttpClient c = RawHttpClient.connect(lb.fulcrum().adminAddress())) {
                RawHttpClient.Response index = c.get("/").readResponse();
                assertThat(index.status()).isEqualTo(200);
                assertThat(index.bodyText()).startsWith("Fulcrum admin endpoint.");
                RawHttpClient.Response missing = c.get("/nope").readResponse();
                assertThat(missing.status()).isEqualTo(404);
                assertThat(missing.bodyText()).contains("no admin resource at /nope");
            }
        }
    }
}
