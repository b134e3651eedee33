package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.group;
import static dev.fulcrum.testing.TestConfigs.listener;
import static dev.fulcrum.testing.TestConfigs.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.config.ActionConfig;
import dev.fulcrum.config.ConditionConfig;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.testing.LoadBalancerExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every condition type and action, through a real listener, in priority order. */
class RoutingEndToEndTest {

    /** One balancer and its three targets for all the tests. */
    @RegisterExtension
    static final LoadBalancerExtension lb = LoadBalancerExtension.startedWith(RoutingEndToEndTest::rulesAndTargets);

    private static FulcrumConfig rulesAndTargets() {
        FakeTarget web = lb.keep(FakeTarget.start("web"));
        FakeTarget api = lb.keep(FakeTarget.start("api"));
        FakeTarget canary = lb.keep(FakeTarget.start("canary"));
        var rules = List.of(
                // Deliberately listed out of order: priority decides, not position.
                rule(30, forward("canary"),
                        new ConditionConfig.HttpHeader("X-Canary", List.of("yes")),
                        new ConditionConfig.QueryString(List.of(new ConditionConfig.KeyValue("version", "2"),
                                new ConditionConfig.KeyValue(null, "beta")))),
                rule(10, forward("api"),
                        new ConditionConfig.PathPattern(List.of("/api/*")),
                        new ConditionConfig.HttpRequestMethod(List.of("GET", "POST"))),
                rule(20, new ActionConfig.Redirect("#{protocol}", "new.example.com", null, "/#{path}", "#{query}", 301),
                        new ConditionConfig.HostHeader(List.of("old.example.com"))),
                rule(5, new ActionConfig.FixedResponse(503, "text/plain", "canary closed"),
                        new ConditionConfig.PathPattern(List.of("/api/closed"))),
                rule(40, forward("api"), new ConditionConfig.SourceIp(List.of("10.0.0.0/8", "2001:db8::/32"))),
                rule(50, new ActionConfig.FixedResponse(200, "application/json", "{\"local\":true}"),
                        new ConditionConfig.SourceIp(List.of("127.0.0.0/8")),
                        new ConditionConfig.PathPattern(List.of("/whoami"))));
        return config(LoadBalancerAttributes.defaults(), listener(rules, forward("web")),
                group("web", web), group("api", api), group("canary", canary));
    }

    private RawHttpClient.Response send(String raw) {
        try (RawHttpClient c = lb.connect()) {
            return c.send(raw).readResponse();
        }
    }

    private ExchangeRecord lastRecordFor(String uri) {
        return lb.log().await(r -> uri.equals(r.uri()));
    }

    @Test
    void pathPatternAndMethodRouteToTheirGroup() {
        assertThat(send("GET /api/orders HTTP/1.1\r\nHost: a.example\r\n\r\n").bodyText()).isEqualTo("api");
        ExchangeRecord r = lastRecordFor("/api/orders");
        assertThat(r.matchedRulePriority()).isEqualTo(10);
        assertThat(r.targetGroupArn()).contains("targetgroup/api/");
    }

    @Test
    void aMethodOutsideTheListFallsThroughToTheDefaultAction() {
        assertThat(send("DELETE /api/orders/1 HTTP/1.1\r\nHost: a.example\r\n\r\n").bodyText()).isEqualTo("web");
        assertThat(lastRecordFor("/api/orders/1").matchedRulePriority()).isZero();
    }

    @Test
    void pathPatternIsCaseSensitive() {
        assertThat(send("GET /API/orders HTTP/1.1\r\nHost: a.example\r\n\r\n").bodyText()).isEqualTo("web");
    }

    @Test
    void theLowestPriorityNumberWinsWhenSeveralRulesMatch() {
        RawHttpClient.Response r = send("GET /api/closed HTTP/1.1\r\nHost: a.example\r\n\r\n");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain");
        assertThat(r.bodyText()).isEqualTo("canary closed");
        ExchangeRecord rec = lastRecordFor("/api/closed");
        assertThat(rec.matchedRulePriority()).isEqualTo(5);
        assertThat(rec.actionsExecuted()).containsExactly("fixed-response");
        assertThat(rec.error()).isNull();
        assertThat(rec.target()).isNull();
        assertThat(rec.targetStatus()).isEqualTo(ExchangeRecord.NO_STATUS);
    }

    @Test
    void hostHeaderMatchesCaseInsensitivelyAndRedirectsWithPlaceholders() {
        RawHttpClient.Response r = send("GET /shop/cart?item=7 HTTP/1.1\r\nHost: OLD.Example.com\r\n\r\n");
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.header("Location")).isEqualTo("http://new.example.com:" + lb.port() + "/shop/cart?item=7");
        ExchangeRecord rec = lastRecordFor("/shop/cart?item=7");
        assertThat(rec.actionsExecuted()).containsExactly("redirect");
        assertThat(rec.redirectUrl()).isEqualTo(r.header("Location"));
        assertThat(rec.matchedRulePriority()).isEqualTo(20);
    }

    @Test
    void headerAndQueryStringConditionsMustBothMatch() {
        assertThat(send("GET /c?version=2 HTTP/1.1\r\nHost: a\r\nX-Canary: YES\r\n\r\n").bodyText())
                .isEqualTo("canary");
        assertThat(send("GET /c2?mode=beta HTTP/1.1\r\nHost: a\r\nX-Canary: yes\r\n\r\n").bodyText())
                .isEqualTo("canary");
        assertThat(send("GET /c3?version=3 HTTP/1.1\r\nHost: a\r\nX-Canary: yes\r\n\r\n").bodyText())
                .isEqualTo("web");
        assertThat(send("GET /c4?version=2 HTTP/1.1\r\nHost: a\r\n\r\n").bodyText()).isEqualTo("web");
    }

    @Test
    void sourceIpMatchesTheClientsAddress() {
        RawHttpClient.Response r = send("GET /whoami HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.bodyText()).isEqualTo("{\"local\":true}");
        // 127.0.0.1 is not in 10.0.0.0/8 or 2001:db8::/32: rule 40 did not match, rule 50 did. (Read from the
        // exchange's own record, awaited: the client can see the response before the record is written.)
        assertThat(lastRecordFor("/whoami").matchedRulePriority()).isEqualTo(50);
        assertThat(lb.log().all()).noneMatch(rec -> rec.matchedRulePriority() == 40);
    }

    @Test
    void aFixedResponseKeepsTheConnectionForTheNextRequest() {
        try (RawHttpClient c = lb.connect()) {
            assertThat(c.send("GET /api/closed HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().status()).isEqualTo(503);
            assertThat(c.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().bodyText()).isEqualTo("web");
        }
    }
}
