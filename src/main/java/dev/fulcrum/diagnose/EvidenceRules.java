package dev.fulcrum.diagnose;

import static dev.fulcrum.core.LbError.CLIENT_CLOSED;
import static dev.fulcrum.core.LbError.CLIENT_IDLE_TIMEOUT;
import static dev.fulcrum.core.LbError.CONNECT_NOT_SUPPORTED;
import static dev.fulcrum.core.LbError.INVALID_CONTENT_LENGTH;
import static dev.fulcrum.core.LbError.INVALID_HOST_HEADER;
import static dev.fulcrum.core.LbError.NO_REGISTERED_TARGETS;
import static dev.fulcrum.core.LbError.QPS_LIMITED;
import static dev.fulcrum.core.LbError.REQUEST_BODY_INCOMPLETE;
import static dev.fulcrum.core.LbError.REQUEST_HEADERS_TOO_LARGE;
import static dev.fulcrum.core.LbError.REQUEST_HEADER_TIMEOUT;
import static dev.fulcrum.core.LbError.REQUEST_HEADER_TOO_LARGE;
import static dev.fulcrum.core.LbError.REQUEST_MALFORMED;
import static dev.fulcrum.core.LbError.TARGET_CLOSED_CONNECTION;
import static dev.fulcrum.core.LbError.TARGET_CONNECTION_REFUSED;
import static dev.fulcrum.core.LbError.TARGET_CONNECT_TIMEOUT;
import static dev.fulcrum.core.LbError.TARGET_DEREGISTERED;
import static dev.fulcrum.core.LbError.TARGET_IDLE_TIMEOUT;
import static dev.fulcrum.core.LbError.TARGET_RESPONSE_INCOMPLETE;
import static dev.fulcrum.core.LbError.TARGET_RESPONSE_MALFORMED;
import static dev.fulcrum.core.LbError.TRACE_NOT_ALLOWED;
import static dev.fulcrum.diagnose.Signature.BOTH_TIMINGS;
import static dev.fulcrum.diagnose.Signature.BODY_METHOD;
import static dev.fulcrum.diagnose.Signature.CONNECT_METHOD;
import static dev.fulcrum.diagnose.Signature.CONNECT_TIMING;
import static dev.fulcrum.diagnose.Signature.DISPATCHED;
import static dev.fulcrum.diagnose.Signature.FIXED_RESPONSE;
import static dev.fulcrum.diagnose.Signature.HEADER_TIMING;
import static dev.fulcrum.diagnose.Signature.IDLE_TIMING;
import static dev.fulcrum.diagnose.Signature.NO_HOST;
import static dev.fulcrum.diagnose.Signature.OVER_16K;
import static dev.fulcrum.diagnose.Signature.OVER_64K;
import static dev.fulcrum.diagnose.Signature.PAST_IDLE;
import static dev.fulcrum.diagnose.Signature.RESPONSE_SEEN;
import static dev.fulcrum.diagnose.Signature.TARGET_MADE;
import static dev.fulcrum.diagnose.Signature.TRACE_METHOD;
import static dev.fulcrum.diagnose.Signature.UNREADABLE_REQUEST;

import dev.fulcrum.core.LbError;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The evidence rules, as a table: for a group of error lines ({@link Part}), the first rule whose status and
 * condition match names the cause, says what in the log supports it, and whether that settles it ({@code likely})
 * or only names the most common of the causes the log cannot tell apart ({@code possible}, the others listed as
 * alternatives). The conditions are the seeds' procedures: timings against the timeouts, the target's life in the
 * log, idle pauses before the errors, one path, bursts. The sentences are in {@link Evidence}.
 */
final class EvidenceRules {

    private static final int ANY = 0;

    /** A rule of the table. */
    private record Rule(int status, Predicate<Facts> when, Function<Facts, Cause> cause, String likelihood,
            Function<Facts, List<String>> evidence, Function<Facts, String> conclusion) {
    }

    /** What the rules concluded for one part. */
    record Judgement(Cause cause, String likelihood, List<String> evidence, String conclusion,
            List<LbError> alternatives) {
    }

    private static final List<Rule> RULES = List.of(
            //   status  when                                  cause                        likelihood
            rule(ANY, is(FIXED_RESPONSE), f -> Cause.fixedResponse(f.status()), Finding.LIKELY, Evidence::fixed),
            rule(ANY, is(TARGET_MADE), f -> Cause.targetMade(f.status()), Finding.RECORDED, Evidence::targetMade),
            // 504: how long the balancer waited says which timeout ended it.
            rule(504, is(CONNECT_TIMING), TARGET_CONNECT_TIMEOUT, Finding.LIKELY, Evidence::atConnectTimeout),
            rule(504, is(IDLE_TIMING), TARGET_IDLE_TIMEOUT, Finding.LIKELY, Evidence::atIdleTimeout),
            rule(504, is(PAST_IDLE), TARGET_RESPONSE_INCOMPLETE, Finding.LIKELY, Evidence::pastIdleTimeout),
            rule(504, is(BOTH_TIMINGS), TARGET_IDLE_TIMEOUT, Finding.POSSIBLE, Evidence::atBothTimeouts),
            rule(504, always(), TARGET_IDLE_TIMEOUT, Finding.POSSIBLE, Evidence::untimed),
            // 502: the target's life in the log, pauses before the errors, the paths.
            rule(502, Facts::targetGone, TARGET_DEREGISTERED, Finding.LIKELY, Evidence::targetGone),
            rule(502, f -> f.targetDead() && f.part.count < 3, TARGET_CONNECTION_REFUSED, Finding.POSSIBLE,
                    Evidence::targetDead),
            rule(502, Facts::targetDead, TARGET_CONNECTION_REFUSED, Finding.LIKELY, Evidence::targetDead),
            rule(502, Facts::afterKeepAliveExpired, TARGET_CLOSED_CONNECTION, Finding.LIKELY, Evidence::keepAlive,
                    Evidence::keepAliveConclusion),
            rule(502, Facts::onOnePath, TARGET_RESPONSE_MALFORMED, Finding.LIKELY, Evidence::onePath),
            rule(502, is(RESPONSE_SEEN), TARGET_RESPONSE_MALFORMED, Finding.LIKELY, Evidence::responseSeen),
            rule(502, always(), TARGET_CLOSED_CONNECTION, Finding.POSSIBLE, Evidence::closedWhileAnswering),
            // 503: did the group answer anyone meanwhile?
            rule(503, f -> f.servedMeanwhile() > 0, QPS_LIMITED, Finding.LIKELY, Evidence::throttled),
            rule(503, always(), NO_REGISTERED_TARGETS, Finding.POSSIBLE, Evidence::noTargets),
            // 460: do the clients give up after the same time?
            rule(460, f -> f.part.rounds.cluster(0.5).isPresent(), CLIENT_CLOSED, Finding.LIKELY,
                    Evidence::clientTimeout, Evidence::clientTimeoutConclusion),
            rule(460, always(), CLIENT_CLOSED, Finding.LIKELY, Evidence::clientsLeft),
            // 408: the client's silence, or a head that came too slowly (Fulcrum's client_header_timeout).
            rule(408, is(HEADER_TIMING), REQUEST_HEADER_TIMEOUT, Finding.LIKELY, Evidence::headTooSlow),
            rule(408, is(IDLE_TIMING), CLIENT_IDLE_TIMEOUT, Finding.LIKELY, Evidence::clientSilent),
            rule(408, always(), CLIENT_IDLE_TIMEOUT, Finding.POSSIBLE, Evidence::clientSilent),
            // 400 and 405: the request's shape.
            rule(400, f -> f.part.classified("Severe") > 0, REQUEST_MALFORMED, Finding.LIKELY, Evidence::desync),
            rule(400, is(DISPATCHED), REQUEST_BODY_INCOMPLETE, Finding.LIKELY, Evidence::bodyCut),
            rule(400, is(UNREADABLE_REQUEST), REQUEST_MALFORMED, Finding.LIKELY, Evidence::unreadable),
            rule(400, is(CONNECT_METHOD), CONNECT_NOT_SUPPORTED, Finding.LIKELY, Evidence::connectMethod),
            rule(400, is(NO_HOST), INVALID_HOST_HEADER, Finding.LIKELY, Evidence::noHost),
            rule(400, is(OVER_64K), REQUEST_HEADERS_TOO_LARGE, Finding.LIKELY, Evidence::over64k),
            rule(400, is(OVER_16K), REQUEST_HEADER_TOO_LARGE, Finding.LIKELY, Evidence::over16k),
            rule(400, is(BODY_METHOD), INVALID_CONTENT_LENGTH, Finding.POSSIBLE, Evidence::bodyMethod),
            rule(400, always(), REQUEST_MALFORMED, Finding.POSSIBLE, Evidence::plainBadRequest),
            rule(405, is(TRACE_METHOD), TRACE_NOT_ALLOWED, Finding.LIKELY, Evidence::trace),
            // A status the catalog has one cause for; then one it has none for.
            rule(ANY, f -> Catalog.of(f.status()).size() == 1, f -> Cause.of(Catalog.of(f.status()).get(0)),
                    Finding.LIKELY, Evidence::onlyCause),
            rule(ANY, f -> !Catalog.of(f.status()).isEmpty(), f -> Cause.of(Catalog.of(f.status()).get(0)),
                    Finding.POSSIBLE, Evidence::none),
            rule(ANY, always(), f -> Cause.unknownStatus(f.status()), Finding.POSSIBLE, Evidence::none));

    private EvidenceRules() {
    }

    /** The cause of a part: its own error_reason when it has one, checked against the evidence; else the table's. */
    static Judgement judge(Facts f) {
        Judgement byEvidence = byEvidence(f);
        String reason = f.part.key.reason();
        if (reason == null || f.signature() == TARGET_MADE) {
            return byEvidence;
        }
        Cause recorded = LbError.ofErrorReason(reason).map(Cause::of).orElseGet(() -> Cause.unknownReason(reason));
        return Agreement.check(f, recorded, byEvidence);
    }

    static Judgement byEvidence(Facts f) {
        for (Rule r : RULES) {
            if ((r.status == ANY || r.status == f.status()) && r.when.test(f)) {
                Cause cause = r.cause.apply(f);
                List<LbError> alternatives = r.likelihood.equals(Finding.POSSIBLE)
                        ? Catalog.others(f.status(), cause.catalog()) : Catalog.alike(cause.catalog());
                return new Judgement(cause, r.likelihood, r.evidence.apply(f),
                        r.conclusion == null ? null : r.conclusion.apply(f), alternatives);
            }
        }
        throw new IllegalStateException("the last rule matches every part");
    }

    private static Rule rule(int status, Predicate<Facts> when, LbError cause, String likelihood,
            Function<Facts, List<String>> evidence) {
        return new Rule(status, when, f -> Cause.of(cause), likelihood, evidence, null);
    }

    private static Rule rule(int status, Predicate<Facts> when, LbError cause, String likelihood,
            Function<Facts, List<String>> evidence, Function<Facts, String> conclusion) {
        return new Rule(status, when, f -> Cause.of(cause), likelihood, evidence, conclusion);
    }

    private static Rule rule(int status, Predicate<Facts> when, Function<Facts, Cause> cause, String likelihood,
            Function<Facts, List<String>> evidence) {
        return new Rule(status, when, cause, likelihood, evidence, null);
    }

    private static Predicate<Facts> is(Signature s) {
        return f -> f.signature() == s;
    }

    private static Predicate<Facts> always() {
        return f -> true;
    }
}
