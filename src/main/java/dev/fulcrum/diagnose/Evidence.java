package dev.fulcrum.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the log shows, in sentences, for each evidence rule of {@link EvidenceRules}. */
final class Evidence {

    private Evidence() {
    }

    // ---- any status

    static List<String> fixed(Facts f) {
        return List.of(Text.count(f.part.count, "response") + " by a fixed-response action: the configuration's"
                + " answer, not a failure");
    }

    static List<String> targetMade(Facts f) {
        List<String> out = new ArrayList<>();
        NodeStats t = f.target();
        out.add(f.whoOr("the target") + " answered " + f.status() + " itself " + Text.count(f.part.count, "time")
                + (t == null ? "" : " (of " + Text.count(t.requests, "request") + " to it)")
                + "; elb_status_code and target_status_code agree");
        if (f.part.durations.count() > 0) {
            out.add("their target_processing_time: median " + f.median() + ", longest "
                    + Text.seconds(f.part.durations.max()));
        }
        f.part.rounds.cluster(0.5).ifPresent(c -> out.add(c.count() + " of them took about " + c.seconds()
                + " s: a timeout inside the application or a service it calls"));
        return out;
    }

    static List<String> onlyCause(Facts f) {
        return List.of(f.status() + " has one cause in the catalog");
    }

    static List<String> none(Facts f) {
        return List.of("nothing in these lines tells the causes of " + f.status() + " apart");
    }

    // ---- 504

    static List<String> atConnectTimeout(Facts f) {
        return List.of(Text.count(f.part.count, "request") + " answered after " + f.median()
                + ", the target connect timeout (" + f.connect() + "): no TCP connection to " + f.whoOr("the target")
                + " could be made (it was not reachable, or dropped the connection attempts)");
    }

    static List<String> atIdleTimeout(Facts f) {
        return List.of(Text.count(f.part.count, "request") + " answered after " + f.median()
                + ", the idle timeout (" + f.idle() + "): " + f.whoOr("the target")
                + " took the request and sent no response in time (a slow target)");
    }

    static List<String> pastIdleTimeout(Facts f) {
        return List.of(Text.count(f.part.count, "request") + " answered after " + f.median()
                + ", longer than the idle timeout (" + f.idle() + "): the response had begun, then "
                + f.whoOr("the target") + " sent nothing for a whole idle timeout");
    }

    static List<String> atBothTimeouts(Facts f) {
        return List.of(Text.count(f.part.count, "request") + " answered after " + f.median()
                + ", which is both the connect and the idle timeout (" + f.idle()
                + "): the timing cannot tell a target that never connected from a silent one");
    }

    static List<String> untimed(Facts f) {
        List<String> out = new ArrayList<>();
        if (f.part.durations.count() == 0) {
            out.add("the lines carry no duration (all processing times -1), so the timing cannot tell these 504s"
                    + " apart");
            return out;
        }
        out.add(Text.count(f.part.count, "request") + " answered after " + f.median() + ", neither the idle timeout ("
                + f.idle() + ") nor the connect timeout (" + f.connect() + ")");
        f.part.rounds.cluster(0.5).ifPresent(c -> out.add(c.count() + " of them at about " + c.seconds()
                + " s: is the idle timeout " + c.seconds() + " s? (say so with --idle-timeout " + c.seconds() + ")"));
        return out;
    }

    // ---- 502

    static List<String> targetGone(Facts f) {
        NodeStats t = f.target();
        return List.of(f.who() + " got no request after " + Text.clock(t.lastMicros) + " while the log goes on to "
                + Text.clock(f.log.lastMicros) + ", and its last " + Text.count(f.part.count, "request")
                + " failed: it was taken out (deregistered or stopped) with requests in flight");
    }

    static List<String> targetDead(Facts f) {
        List<String> out = new ArrayList<>();
        NodeStats t = f.target();
        if (f.targetNeverAnswered()) {
            out.add(f.who() + " never answered in this log: all " + Text.count(f.part.count, "request")
                    + " to it failed without a response; it refuses or resets connections (nothing listens on the"
                    + " port?)");
        } else {
            out.add(f.who() + " answered until " + Text.clock(t.lastResponseMicros) + "; every request after that ("
                    + f.part.count + ") failed without a response: it stopped accepting connections");
        }
        concentration(f, out);
        return out;
    }

    static List<String> keepAlive(Facts f) {
        List<String> out = new ArrayList<>();
        out.add(f.part.afterIdleGap + " of " + f.part.count + " came after " + f.whoOr("the target")
                + " had been idle for " + Text.seconds(f.part.shortestIdleGapMicros)
                + " or more, and requests after such a pause seldom got an answer: the target closes idle"
                + " connections after about " + f.keepAliveSeconds() + " s, before the balancer (" + f.idle() + ")");
        concentration(f, out);
        return out;
    }

    static String keepAliveConclusion(Facts f) {
        return "its keep-alive timeout (" + f.keepAliveSeconds() + " s?) is shorter than the balancer's idle timeout ("
                + f.idle() + "): raise it above " + f.idle();
    }

    static List<String> onePath(Facts f) {
        Map.Entry<String, Long> top = f.part.topPath();
        return List.of(top.getValue() + " of " + f.part.count + " asked for " + top.getKey() + " while "
                + f.who() + " answered other requests: its answer to that request is not valid HTTP (curl -v it"
                + " directly, as seed 003 does)");
    }

    static List<String> responseSeen(Facts f) {
        return List.of(f.whoOr("the target") + " sent response headers (target_processing_time " + f.median()
                + ") and the balancer still answered 502: the response was not valid HTTP");
    }

    static List<String> closedWhileAnswering(Facts f) {
        List<String> out = new ArrayList<>();
        out.add(Text.count(f.part.count, "request") + " to " + f.whoOr("the target")
                + " ended without a response (processing times -1) while it answered others, and not after idle"
                + " pauses: it closed or reset connections with a request outstanding (a crash, a restart, a worker"
                + " limit), or its answer was not valid HTTP");
        concentration(f, out);
        return out;
    }

    private static void concentration(Facts f, List<String> out) {
        if (f.who() == null || f.log.targetCount() < 2) {
            return;
        }
        double share = f.concentration();
        if (share >= 0.8) {
            out.add(Text.percent(share) + " of these " + f.status() + "s were on " + f.who() + " alone, of "
                    + f.log.targetCount() + " targets: look at that target");
        } else if (share <= 0.5) {
            out.add("they are spread over the targets (" + Text.percent(share) + " on " + f.who()
                    + "): a cause they share");
        }
    }

    // ---- 503

    static List<String> throttled(Facts f) {
        String group = f.who() == null ? "the targets" : "target group " + f.who();
        return List.of(f.burst() + " with no target, while " + group + " answered " + f.servedMeanwhile()
                + " other requests in the same minutes: there were targets, so the balancer refused these for"
                + " the load (throttling)");
    }

    static List<String> noTargets(Facts f) {
        String group = f.who() == null ? "no target" : "target group " + f.who();
        return List.of(f.burst() + " with no target, and " + group + " answered nothing in those minutes: no"
                + " registered (or healthy, or weighted) targets then");
    }

    // ---- 460, 408

    static List<String> clientTimeout(Facts f) {
        RoundNumbers.Cluster c = f.part.rounds.cluster(0.5).orElseThrow();
        return List.of(c.count() + " of " + f.part.count + " clients closed just before " + c.seconds()
                + " s: a client timeout of " + c.seconds() + " s" + (c.seconds() < f.settings.idleTimeoutSeconds()
                        ? ", shorter than the idle timeout (" + f.idle() + ")" : ""));
    }

    static String clientTimeoutConclusion(Facts f) {
        int s = f.part.rounds.cluster(0.5).orElseThrow().seconds();
        return "clients give up after " + s + " s: make the target answer within " + s
                + " s, or raise the clients' timeout (the balancer waits " + f.idle() + ")";
    }

    static List<String> clientsLeft(Facts f) {
        if (f.part.durations.count() == 0) {
            return List.of(Text.count(f.part.count, "client") + " closed while the target worked on the request");
        }
        return List.of(Text.count(f.part.count, "client") + " closed after " + f.median() + " (median; longest "
                + Text.seconds(f.part.durations.max()) + "), not at one common time: users or clients abandoning"
                + " slow requests");
    }

    static List<String> clientSilent(Facts f) {
        Optional<String> timing = f.signature() == Signature.IDLE_TIMING || f.signature() == Signature.BOTH_TIMINGS
                ? Optional.of(" for the idle timeout (" + f.idle() + ")") : Optional.empty();
        return List.of(Text.count(f.part.count, "client") + " sent nothing, or stopped mid-request,"
                + timing.orElse(" until the idle timeout"));
    }

    static List<String> headTooSlow(Facts f) {
        return List.of(Text.count(f.part.count, "request head") + " not complete "
                + Text.timeout(f.settings.headerTimeoutSeconds()) + " after its first byte"
                + " (client_header_timeout), though the client kept sending: a very slow client, or one trickling"
                + " its head to hold the connection (slowloris)");
    }

    // ---- 400, 405

    static List<String> desync(Facts f) {
        List<String> out = new ArrayList<>();
        f.part.classifications.forEach((k, n) -> out.add(n + " classified " + k.replace(":", " (") + ")"
                + " by desync mitigation: " + DesyncReasons.meaning(k.substring(k.indexOf(':') + 1))));
        return out;
    }

    static List<String> bodyCut(Facts f) {
        return List.of("the requests had reached " + f.whoOr("a target") + " when the client stopped sending"
                + " the body");
    }

    static List<String> unreadable(Facts f) {
        return List.of("the request line could not be read (logged as - - -)");
    }

    static List<String> noHost(Facts f) {
        return List.of("the requests came without a Host header (their URL is logged with - for the host)");
    }

    static List<String> connectMethod(Facts f) {
        return List.of("CONNECT requests, as to a forward proxy");
    }

    static List<String> over64k(Facts f) {
        return List.of("more than 64 KiB received before the answer: the request headers were too large");
    }

    static List<String> over16k(Facts f) {
        return List.of("more than 16 KiB received before the answer: one header (a cookie?) was too large");
    }

    static List<String> bodyMethod(Facts f) {
        return List.of("requests with a body, refused before any target: most often a Content-Length that is not"
                + " one integer");
    }

    static List<String> plainBadRequest(Facts f) {
        return List.of("the request was read but not valid HTTP/1.x (a bad header, a bad Content-Length)");
    }

    static List<String> trace(Facts f) {
        return List.of("TRACE requests");
    }
}
