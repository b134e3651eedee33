package dev.fulcrum.transport;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Makes every failure an HTTP decoder emits typed: a failed decoder result whose cause is not yet an
 * {@link LbException} gets one, with the outcome the codec decides for that cause. Called by each codec on what
 * one decode call produced, so that what reads the messages never looks at exception text.
 */
public final class TypedFailures {

    private TypedFailures() {
    }

    /** Types the failures among {@code out}'s messages from index {@code from} on. */
    public static void type(List<Object> out, int from, BiFunction<Throwable, DecoderResultProvider, LbError> outcome) {
        for (int i = from; i < out.size(); i++) {
            if (out.get(i) instanceof DecoderResultProvider m && m.decoderResult().isFailure()
                    && !(m.decoderResult().cause() instanceof LbException)) {
                Throwable cause = m.decoderResult().cause();
                m.setDecoderResult(DecoderResult.failure(new LbException(outcome.apply(cause, m), cause.toString())));
            }
        }
    }
}
