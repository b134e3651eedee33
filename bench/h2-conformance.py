"""A small HTTP/2 conformance pass against a running Fulcrum HTTPS listener, with Python's h2 (Debian's python3-h2).

    /usr/bin/python3 bench/h2-conformance.py PORT      (e.g. ./fulcrum demo, then PORT 8443)

Each case prints PASS or FAIL; the last line counts them. Loopback only.
"""
import socket, ssl, sys, h2.connection, h2.events, h2.config

def connect(port):
    ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
    ctx.set_alpn_protocols(["h2"])
    s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5), server_hostname="localhost")
    assert s.selected_alpn_protocol() == "h2", s.selected_alpn_protocol()
    c = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True, header_encoding="utf-8",
                                                               validate_outbound_headers=False,
                                                               normalize_outbound_headers=False))
    c.initiate_connection(); s.sendall(c.data_to_send())
    return s, c

def events(s, c, until, limit=50):
    got = []
    for _ in range(limit):
        try:
            data = s.recv(65535)
        except socket.timeout:
            break
        if not data:
            got.append("closed"); break
        for e in c.receive_data(data):
            got.append(e)
        s.sendall(c.data_to_send())
        if until(got):
            break
    return got

def status(evts, sid):
    for e in evts:
        if isinstance(e, h2.events.ResponseReceived) and e.stream_id == sid:
            return dict(e.headers).get(":status")
    return None

port = int(sys.argv[1]); results = []
def case(name, ok): results.append((name, ok)); print(("PASS " if ok else "FAIL ") + name)

# 1. a plain GET
s, c = connect(port)
c.send_headers(1, [(":method", "GET"), (":scheme", "https"), (":authority", "localhost"), (":path", "/")], end_stream=True)
s.sendall(c.data_to_send())
ev = events(s, c, lambda g: any(isinstance(e, h2.events.StreamEnded) for e in g))
case("GET / answers 200", status(ev, 1) == "200")
# 2. a request without :path is malformed: a stream error (RST_STREAM PROTOCOL_ERROR), the connection goes on
c.send_headers(3, [(":method", "GET"), (":scheme", "https"), (":authority", "localhost")], end_stream=True)
s.sendall(c.data_to_send())
ev = events(s, c, lambda g: any(isinstance(e, (h2.events.StreamReset, h2.events.ResponseReceived)) for e in g) or "closed" in g)
reset = [e for e in ev if isinstance(e, h2.events.StreamReset) and e.stream_id == 3]
case("no :path: stream 3 reset with PROTOCOL_ERROR", bool(reset) and reset[0].error_code == 1)
c.send_headers(5, [(":method", "GET"), (":scheme", "https"), (":authority", "localhost"), (":path", "/health")], end_stream=True)
s.sendall(c.data_to_send())
ev = events(s, c, lambda g: any(isinstance(e, h2.events.StreamEnded) for e in g))
case("the connection goes on: stream 5 answers 200", status(ev, 5) == "200")
# 3. a connection-specific header (Connection: keep-alive) is malformed in HTTP/2
c.send_headers(7, [(":method", "GET"), (":scheme", "https"), (":authority", "localhost"), (":path", "/"),
                   ("connection", "keep-alive")], end_stream=True)
s.sendall(c.data_to_send())
ev = events(s, c, lambda g: any(isinstance(e, (h2.events.StreamReset, h2.events.ResponseReceived, h2.events.ConnectionTerminated)) for e in g) or "closed" in g)
case("Connection header: refused (stream reset or GOAWAY), never forwarded",
     any(isinstance(e, (h2.events.StreamReset, h2.events.ConnectionTerminated)) for e in ev) or "closed" in ev)
s.close()
# 4. DATA on a stream that was never opened: connection error
s, c = connect(port)
s.sendall(bytes.fromhex("000005000100000009") + b"hello")  # DATA, END_STREAM, stream 9 (idle)
ev = events(s, c, lambda g: any(isinstance(e, h2.events.ConnectionTerminated) for e in g) or "closed" in g)
term = [e for e in ev if isinstance(e, h2.events.ConnectionTerminated)]
case("DATA on an idle stream: GOAWAY PROTOCOL_ERROR", bool(term) and term[0].error_code == 1)
s.close()
# 5. a window update of 0 on the connection: GOAWAY PROTOCOL_ERROR
s, c = connect(port)
s.sendall(bytes.fromhex("000004080000000000") + bytes.fromhex("00000000"))
ev = events(s, c, lambda g: any(isinstance(e, h2.events.ConnectionTerminated) for e in g) or "closed" in g)
term = [e for e in ev if isinstance(e, h2.events.ConnectionTerminated)]
case("WINDOW_UPDATE of 0: GOAWAY PROTOCOL_ERROR", bool(term) and term[0].error_code == 1)
s.close()
print("%d of %d passed" % (sum(1 for _, ok in results if ok), len(results)))
