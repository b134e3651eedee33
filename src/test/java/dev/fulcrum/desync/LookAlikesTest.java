package dev.fulcrum.desync;

import static dev.fulcrum.desync.Heads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LookAlikesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Transfer-Encoding", "transfer_encoding", "TRANSFER---ENCODING", "Transfer- Encoding",
        " Transfer-Encoding", "Transfer-Encoding\t", "\t\u0001Transfer-Encoding\u007f\u000c", "Transfer.Encoding",
        "transfer-\te\tn c\u0000oding", "Transfer\u0088\u0099Encoding", "\u00a0\u00a0Transfer-Encoding",
        "Transfer-Encoding\u0099", ":Transfer-Encoding:"})
    void findsTransferEncodingBehindSeparatorsSpacesAndControls(String name) {
        assertThat(resembles(name, HeaderNames.TRANSFER_ENCODING)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tran\u017ffer-Encoding", "Transfer-Encod\u0131ng", "Transfer\u2015Encoding",
        "\u2003Transfer-Encoding\u3000", "Transfer\u2011Encoding", "\ufeffTransfer-Encoding"})
    void findsTransferEncodingWrittenWithUnicodeLookAlikes(String name) {
        assertThat(resembles(utf8(name), HeaderNames.TRANSFER_ENCODING)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TransferEncoding", "Transfer-Encodings", "Transfer-Encodin", "X-Transfer-Encoding",
        "Transfer-Encoding1", "Transfer", "Tran.sfer-Encoding", "Accept-Encoding", "Content-Encoding",
        "Transfer-XEncoding", "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t", "Transfer-Enc\u00f6ding", ""})
    void leavesOtherNamesAlone(String name) {
        assertThat(resembles(name, HeaderNames.TRANSFER_ENCODING)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content_Length", "Content-Length ", " content-length", "CONTENT--LENGTH",
        "\u0001Content-Length", "Content-Length\u0088", "Content\u0000-Length"})
    void findsContentLengthTheSameWay(String name) {
        assertThat(resembles(name, HeaderNames.CONTENT_LENGTH)).isTrue();
        assertThat(resembles(name, HeaderNames.TRANSFER_ENCODING)).isFalse();
    }

    /**
     * http-desync-guardian calls the last two look-alikes: where a letter differs, it accepts a name whose rest has no
     * letter or digit. A name that lacks letters of Content-Length is not one here.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Content-Lengths", "ContentLength", "Content-Type", "Content-Len",
        "Content-Len\u0001\u0001\u0001", "Content-Lenght", "Content-Len___", "C~~~~~~~~~~~~~"})
    void leavesNamesThatOnlyShareLettersAlone(String name) {
        assertThat(resembles(name, HeaderNames.CONTENT_LENGTH)).isFalse();
    }

    private static boolean resembles(String name, byte[] target) {
        byte[] b = Heads.bytes(name);
        return LookAlikes.resemble(b, 0, b.length, target);
    }
}
