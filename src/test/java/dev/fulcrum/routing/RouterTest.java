package dev.fulcrum.routing;

import static dev.fulcrum.routing.Rules.header;
import static dev.fulcrum.routing.Rules.host;
import static dev.fulcrum.routing.Rules.method;
import static dev.fulcrum.routing.Rules.pair;
import static dev.fulcrum.routing.Rules.path;
import static dev.fulcrum.routing.Rules.query;
import static dev.fulcrum.routing.Rules.router;
import static dev.fulcrum.routing.Rules.rule;
import static dev.fulcrum.routing.Rules.sourceIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.config.ActionConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.Protocol;
import dev.fulcrum.config.RuleConfig;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {

    @Test
    void lowestPriorityNumberWinsWhateverTheConfigOrder() {
        Router router = router(rule(20, "twenty", path("/api/*")), rule(5, "five", path("/api/*")),
                rule(10, "ten", path("/api/*")));

        Route route = router.route(TestRequest.get("/api/x"));

        assertThat(route.priority()).isEqualTo(5);
        assertThat(body(route)).isEqualTo("five");
    }

    @Test
    void laterRuleMatchesWhenEarlierOnesDoNot() {
        Router router = router(rule(1, "api", path("/api/*")), rule(2, "static", path("/static/*")));

        assertThat(router.route(TestRequest.get("/static/a.css")).priority()).isEqualTo(2);
    }

    @Test
    void defaultActionsRunWithPriorityZeroWhenNoRuleMatches() {
        Route route = router(rule(1, "api", path("/api/*"))).route(TestRequest.get("/other"));

        assertThat(route.priority()).isEqualTo(RuleConfig.DEFAULT_RULE_PRIORITY).isZero();
        assertThat(route.action()).isEqualTo(new FixedResponseAction(404, "text/plain", "no rule"));
        assertThat(route.action().type()).isEqualTo("fixed-response");
    }

    @Test
    void listenerWithoutRulesAlwaysRunsTheDefaultActions() {
        assertThat(router().route(TestRequest.get("/")).priority()).isZero();
    }

    @Test
    void allConditionsOfARuleMustMatch() {
        Router router = router(rule(1, "both", host("api.example.com"), path("/v1/*")));

        assertThat(router.route(TestRequest.get("/v1/x").host("api.example.com")).priority()).isEqualTo(1);
        assertThat(router.route(TestRequest.get("/v2/x").host("api.example.com")).priority()).isZero();
        assertThat(router.route(TestRequest.get("/v1/x").host("www.example.com")).priority()).isZero();
    }

    @Test
    void anyValueOfAConditionMayMatch() {
        Router router = router(rule(1, "either", path("/a", "/b")));

        assertThat(router.route(TestRequest.get("/a")).priority()).isEqualTo(1);
        assertThat(router.route(TestRequest.get("/b")).priority()).isEqualTo(1);
        assertThat(router.route(TestRequest.get("/c")).priority()).isZero();
    }

    @Test
    void repeatedHeaderConditionsMustEachMatch() {
        Router router = router(rule(1, "both", header("X-A", "1"), header("X-B", "2")));

        assertThat(router.route(new TestRequest().header("X-A", "1").header("X-B", "2")).priority()).isEqualTo(1);
        assertThat(router.route(new TestRequest().header("X-A", "1")).priority()).isZero();
    }

    @Test
    void everyConditionTypeTogetherRoutesAMatchingRequest() {
        Router router = router(rule(7, "all", host("*.example.com"), path("/api/*"), header("X-Env", "prod"),
                method("POST"), query(pair("v", "2")), sourceIp("192.0.2.0/24")));
        TestRequest request = TestRequest.get("/api/items?v=2").method("POST").host("shop.example.com:8443")
                .header("x-env", "PROD");

        assertThat(router.route(request).priority()).isEqualTo(7);
        assertThat(router.route(request.source("198.51.100.1")).priority()).isZero();
    }

    @Test
    void routeReturnsTheSameCompiledRouteForEveryMatchingRequest() {
        Router router = router(rule(1, "api", path("/api/*")));

        assertThat(router.route(TestRequest.get("/api/1"))).isSameAs(router.route(TestRequest.get("/api/2")));
    }

    @Test
    void terminalActionIsTheLastActionOfTheRule() {
        RuleConfig rule = new RuleConfig(1, List.of(path("/x")), List.of(
                new ActionConfig.FixedResponse(200, "text/plain", "first"),
                new ActionConfig.Forward(List.of(new ActionConfig.WeightedTargetGroup("web", 1)))));

        Action action = router(rule).route(TestRequest.get("/x")).action();

        assertThat(action).isInstanceOf(ForwardAction.class);
        assertThat(action.type()).isEqualTo("forward");
    }

    @Test
    void requestWithEveryPartMissingFallsThroughToTheDefaultWithoutThrowing() {
        Router router = router(rule(1, "all", host("*"), path("*"), header("X-A", "*"), method("GET"),
                query(pair(null, "*")), sourceIp("0.0.0.0/0", "::/0")));
        RequestView empty = new RequestView() {
            @Override
            public String method() {
                return null;
            }

            @Override
            public String host() {
                return null;
            }

            @Override
            public String path() {
                return null;
            }

            @Override
            public String query() {
                return null;
            }

            @Override
            public List<String> headers(String name) {
                return null;
            }

            @Override
            public InetAddress sourceAddress() {
                return null;
            }
        };

        assertThat(router.route(empty).priority()).isZero();
    }

    @Test
    void oddRequestInputNeverThrows() {
        Router router = router(rule(1, "all", host("*.x?"), path("/*?"), query(pair("\\*", "%*"))));
        String[] odd = {"", "?", "%", "%%", "%e2%82", "&=&=", "[", "[:", ":", "::::", "\u0000", "\uD800", "*?\\"};

        for (String s : odd) {
            TestRequest request = new TestRequest().uri(s + "?" + s + "=" + s).path(s).host(s).method(s)
                    .header("X-A", s);
            assertThatCode(() -> router.route(request)).as(s).doesNotThrowAnyException();
        }
    }

    @Test
    void compileRefusesARuleWithoutActions() {
        ListenerConfig listener = new ListenerConfig("0.0.0.0", 80, Protocol.HTTP,
                List.of(new RuleConfig(3, List.of(path("/x")), List.of())), List.of(Rules.DEFAULT_ACTION));

        assertThatThrownBy(() -> Router.compile(listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rules[0] (priority 3): no actions");
    }

    @Test
    void compileRefusesAListenerWithoutDefaultActions() {
        ListenerConfig listener = new ListenerConfig("0.0.0.0", 80, Protocol.HTTP, List.of(), List.of());

        assertThatThrownBy(() -> Router.compile(listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("defaultActions: no actions");
    }

    private static String body(Route route) {
        return ((FixedResponseAction) route.action()).messageBody();
    }
}
