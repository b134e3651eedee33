package dev.fulcrum.proxy;

import java.util.random.RandomGenerator;

/**
 * X-Amzn-Trace-Id values as ALB writes them: {@code 1-<8 hex epoch seconds>-<24 hex random>}; and connection
 * trace ids, {@code TID_<32 hex>}.
 */
public final class TraceIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TraceIds() {
    }

    static String newTraceId(long epochSeconds, RandomGenerator random) {
        char[] out = new char[2 + 8 + 1 + 24];
        out[0] = '1';
        out[1] = '-';
        writeHex(out, 2, epochSeconds & 0xffffffffL, 8);
        out[10] = '-';
        writeHex(out, 11, random.nextLong(), 16);
        writeHex(out, 27, random.nextInt() & 0xffffffffL, 8);
        return new String(out);
    }

    public static String newConnectionTraceId(RandomGenerator random) {
        char[] out = new char[4 + 32];
        out[0] = 'T';
        out[1] = 'I';
        out[2] = 'D';
        out[3] = '_';
        writeHex(out, 4, random.nextLong(), 16);
        writeHex(out, 20, random.nextLong(), 16);
        return new String(out);
    }

    /**
     * The header value sent to the target: a new {@code Root} when the client sent none; {@code Self=} put in
     * front when the client sent a Root; an existing {@code Self} field replaced. Other fields are kept.
     */
    static String forward(String incoming, String id) {
        if (incoming == null || incoming.isBlank()) {
            return "Root=" + id;
        }
        String[] fields = incoming.split(";", -1);
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].strip().startsWith("Self=")) {
                fields[i] = "Self=" + id;
                return String.join(";", fields);
            }
        }
        for (String f : fields) {
            if (f.strip().startsWith("Root=")) {
                return "Self=" + id + ";" + incoming;
            }
        }
        return "Root=" + id + ";" + incoming;
    }

    private static void writeHex(char[] out, int at, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
