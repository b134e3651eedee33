#!/usr/bin/env python3
"""Opens COUNT keep-alive connections to HOST:PORT, sends one small request on each and reads its response, so
that every connection is an idle keep-alive connection on the balancer; prints "ready N", then holds them until
its standard input closes (or TIMEOUT seconds pass), and closes them all.

Used by bench/compare.sh to measure a balancer's resident memory per idle client connection.
"""
import asyncio
import sys

REQUEST = b"GET / HTTP/1.1\r\nHost: bench\r\nUser-Agent: hold_connections\r\n\r\n"


async def open_one(host, port, gate):
    async with gate:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(REQUEST)
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length:
            await reader.readexactly(length)
        return writer


async def main():
    host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 120.0
    gate = asyncio.Semaphore(256)  # at most this many connects in flight: no SYN flood on the backlog
    results = await asyncio.gather(*(open_one(host, port, gate) for _ in range(count)), return_exceptions=True)
    writers = [r for r in results if not isinstance(r, BaseException)]
    failed = [r for r in results if isinstance(r, BaseException)]
    if failed:
        print(f"failed {len(failed)}: {failed[0]!r}", file=sys.stderr, flush=True)
    print(f"ready {len(writers)}", flush=True)
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(loop.run_in_executor(None, sys.stdin.read), timeout)
    except asyncio.TimeoutError:
        pass
    for w in writers:
        w.close()


if __name__ == "__main__":
    asyncio.run(main())
