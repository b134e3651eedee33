package dev.fulcrum.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Reads the frame headers of a client's HTTP/2 byte stream as it passes, unchanged, to the frame codec, and adds up
 * each header block's compressed size (HEADERS and its CONTINUATIONs, padding included). A block over ALB's 8 KiB is
 * reported to the connection, which refuses its stream and sends GOAWAY (seed 002).
 */
final class Http2HeaderBlockScanner extends ChannelInboundHandlerAdapter {

    /** ALB's bound on one compressed header block. */
    static final int MAX_COMPRESSED_HEADER_BLOCK = 8 * 1024;
    private static final int PREFACE = 24;
    private static final int FRAME_HEADER = 9;
    private static final int HEADERS = 0x1;
    private static final int CONTINUATION = 0x9;
    private static final int END_HEADERS = 0x4;

    private final Http2Connection connection;
    private final byte[] header = new byte[FRAME_HEADER];
    private int headerRead;
    private long prefaceLeft = PREFACE;
    /** Payload bytes of the current frame still to pass. */
    private long payloadLeft;
    private long blockBytes;
    private int blockStream;

    Http2HeaderBlockScanner(Http2Connection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            scan(bytes, bytes.readerIndex(), bytes.writerIndex());
        }
        ctx.fireChannelRead(msg);
    }

    private void scan(ByteBuf b, int at, int end) {
        while (at < end) {
            if (prefaceLeft > 0) {
                int n = (int) Math.min(prefaceLeft, end - at);
                prefaceLeft -= n;
                at += n;
            } else if (payloadLeft > 0) {
                int n = (int) Math.min(payloadLeft, end - at);
                payloadLeft -= n;
                at += n;
            } else {
                header[headerRead++] = b.getByte(at++);
                if (headerRead == FRAME_HEADER) {
                    headerRead = 0;
                    frame();
                }
            }
        }
    }

    private void frame() {
        int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
        int type = header[3] & 0xff;
        int flags = header[4] & 0xff;
        int stream = (header[5] & 0x7f) << 24 | (header[6] & 0xff) << 16 | (header[7] & 0xff) << 8 | header[8] & 0xff;
        payloadLeft = length;
        if (type == HEADERS) {
            blockStream = stream;
            blockBytes = length;
        } else if (type == CONTINUATION && stream == blockStream) {
            blockBytes += length;
        } else {
            return;
        }
        if ((flags & END_HEADERS) != 0 && blockBytes > MAX_COMPRESSED_HEADER_BLOCK) {
            connection.headerBlockTooLarge(blockStream);
        }
    }
}
