package dev.fulcrum.desync;

import java.nio.charset.StandardCharsets;

/** Request heads for the classifier's tests and benchmark, as text whose chars are the bytes (ISO-8859-1). */
final class Heads {

    /** What a browser sends for a page: 9 headers, 441 bytes. */
    static final String BROWSER = """
            GET /api/orders?id=42&page=3 HTTP/1.1\r
            Host: shop.example.com\r
            User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r
            Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r
            Accept-Language: en-US,en;q=0.5\r
            Accept-Encoding: gzip, deflate, br, zstd\r
            Referer: https://shop.example.com/cart\r
            Cookie: session=2f1c9a7e5b3d4c6a8e0f1a2b3c4d5e6f; theme=dark\r
            Connection: keep-alive\r
            Priority: u=0, i\r
            \r
            """;

    /**
     * A smuggling attempt of about the same size, 11 headers and 463 bytes: a POST whose body length a trimming
     * engine reads from a look-alike Transfer-Encoding, another from its Content-Length.
     */
    static final String SUSPICIOUS = """
            POST /api/orders HTTP/1.1\r
            Host: shop.example.com\r
            User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r
            Accept: application/json, text/plain, */*\r
            Accept-Language: en-US,en;q=0.5\r
            Accept-Encoding: gzip, deflate, br, zstd\r
            Content-Type: application/json\r
            Content-Length: 48\r
            Transfer_Encoding : chunked\r
            Referer: https://shop.example.com/cart\r
            Cookie: session=2f1c9a7e5b3d4c6a8e0f1a2b3c4d5e6f; theme=dark\r
            Connection: keep-alive\r
            \r
            """;

    private Heads() {
    }

    static byte[] bytes(String head) {
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code text}'s UTF-8 bytes as chars, to write a non-ASCII name or path into a head. */
    static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
