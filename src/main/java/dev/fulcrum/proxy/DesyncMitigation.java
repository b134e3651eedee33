package dev.fulcrum.proxy;

import dev.fulcrum.config.DesyncMitigationMode;
import dev.fulcrum.core.LbError;
import dev.fulcrum.desync.Tier;

/**
 * What {@code routing.http.desync_mitigation_mode} makes of a request head's classification, as ALB and CLB do:
 * <pre>
 *   tier         monitor   defensive                  strictest
 *   Compliant    forward   forward                    forward
 *   Acceptable   forward   forward                    block (400, close)
 *   Ambiguous    forward   forward, close both        block
 *   Severe       forward   block                      block
 * </pre>
 * Whatever is forwarded, in every mode, goes as Fulcrum read it (one framing, no raw control byte, no header a
 * strict parser would refuse): the mode decides only whether it goes and whether the connections stay.
 *
 * @param blocks the request is answered 400 DesyncMitigationBlocked and never reaches a target
 * @param closeAfter the client and target connections close after the exchange: the mode's (Ambiguous in defensive
 *     mode) or the head's own framing (RFC 9112 section 6.1)
 */
record DesyncMitigation(boolean blocks, boolean closeAfter) {

    static DesyncMitigation of(DesyncMitigationMode mode, HeadVerdict verdict) {
        Tier tier = verdict.classification().tier();
        boolean blocks = switch (mode) {
            case MONITOR -> false;
            case DEFENSIVE -> tier == Tier.SEVERE;
            case STRICTEST -> tier != Tier.COMPLIANT;
        };
        boolean closes = mode == DesyncMitigationMode.DEFENSIVE && tier == Tier.AMBIGUOUS;
        return new DesyncMitigation(blocks, blocks || closes || verdict.closeAfter());
    }

    /**
     * A head Fulcrum could not read or frame is refused whatever the mode; when the mode blocks its tier too, the
     * block is what the client and the log are told (as on ALB, where the classifier comes first). The statuses
     * outside the classifier stay: 505 for a version, 414 and 400 for the size limits, 408 for timeouts.
     */
    static boolean yieldsToTheMode(LbError e) {
        return e == LbError.REQUEST_MALFORMED || e == LbError.INVALID_CONTENT_LENGTH
                || e == LbError.UNSUPPORTED_TRANSFER_ENCODING;
    }
}
