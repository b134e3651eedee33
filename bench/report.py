#!/usr/bin/env python3
"""bench/compare.sh's arithmetic.

  report.py parse SCENARIO SYSTEM ROUND OPENED CPU_MICROS < wrk-output   -> one tab-separated result line
  report.py table CORES THREADS ROUNDS DURATION FLAGS < results.tsv -> the tables (Markdown)

Ratios are Fulcrum / other, computed per round (the two ran back to back) and then the median over rounds:
requests/s above 1.0 and p99 below 1.0 are Fulcrum ahead.
"""
import re
import statistics
import sys
from collections import defaultdict

SYSTEMS = ["direct", "fulcrum", "haproxy", "nginx", "baseline"]
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}
NAMES = {
    "1": "64 keep-alive connections, small response",
    "2": "new connection per request (64 concurrent, `Connection: close`)",
    "3": "1,000 keep-alive connections, small response",
    "4": "64 keep-alive connections, 100 KiB response",
    "5": "scenario 1 with access logs on",
    "6": "HTTPS, 64 keep-alive connections, small response (ELBSecurityPolicy-TLS13-1-2-2021-06, RSA 2048)",
    "7": "HTTPS, a new TLS connection per request (64 concurrent, `Connection: close`): full handshakes",
    "8": "HTTP/2 over TLS, 64 connections x 10 concurrent streams (h2load; p50 and p99 columns: h2load's mean)",
}


def millis(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNITS_MS[m.group(2)] if m else float("nan")


def parse_h2load(text):
    """h2load's summary: requests per second, requests done and failed, the mean time per request."""
    rps = re.search(r"finished in [\d.]+\w+, ([\d.]+) req/s", text)
    done = re.search(r"requests: \d+ total, \d+ started, (\d+) done, \d+ succeeded, (\d+) failed, (\d+) errored", text)
    mean = re.search(r"time for request:\s+\S+\s+\S+\s+(\S+)", text)
    non2xx = re.search(r"status codes: \d+ 2xx, \d+ 3xx, (\d+) 4xx, (\d+) 5xx", text)
    errors = (int(done.group(2)) + int(done.group(3)) if done else 0) + (
        int(non2xx.group(1)) + int(non2xx.group(2)) if non2xx else 0)
    latency = millis(mean.group(1)) if mean else float("nan")
    return (float(rps.group(1)) if rps else 0.0, latency, latency, int(done.group(1)) if done else 0, errors)


def parse(scenario, system, round_, opened, cpu_micros):
    text = sys.stdin.read()
    if text.lstrip().startswith("starting benchmark") or "h2load" in text[:200]:
        rps, p50, p99, total, errors = parse_h2load(text)
        print("\t".join(str(v) for v in ["load", scenario, system.removesuffix("-log").removesuffix("-tls"), round_,
                                          rps, p50, p99, total, errors, opened, cpu_micros]))
        return
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    total = re.search(r"(\d+) requests in", text)
    errors = 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if socket:
        # A read error is how wrk counts a server closing after "Connection: close"; the others are failures.
        errors += int(socket.group(1)) + int(socket.group(3)) + int(socket.group(4))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non2xx:
        errors += int(non2xx.group(1))
    print("\t".join(str(v) for v in [
        "load", scenario, system.removesuffix("-log").removesuffix("-tls"), round_,
        float(rps.group(1)) if rps else 0.0,
        millis(p50.group(1)) if p50 else float("nan"),
        millis(p99.group(1)) if p99 else float("nan"),
        int(total.group(1)) if total else 0, errors, opened, cpu_micros]))


def median(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def table(cores, threads, rounds, duration, flags):
    runs = defaultdict(dict)  # (scenario, round) -> system -> row
    memory = {}
    after = {}
    for line in sys.stdin:
        f = line.rstrip("\n").split("\t")
        if f[0] == "load":
            scenario, system, round_ = f[1], f[2], f[3]
            runs[(scenario, round_)][system] = {
                "rps": float(f[4]), "p50": float(f[5]), "p99": float(f[6]),
                "requests": int(f[7]), "errors": int(f[8]), "opened": int(f[9]),
                "cpu": int(f[10]) / max(1, int(f[7]))}
        elif f[0] == "memory":
            memory[f[1]] = [int(x) for x in f[2:]]
        elif f[0] == "rss_after":
            after[f[1]] = int(f[2])
    scenarios = sorted({s for s, _ in runs})
    print()
    print(f"Machine: {cores} cores. Each balancer and the target: {threads} worker thread(s). "
          f"{rounds} rounds x {duration} s per system and scenario, medians over rounds.")
    print(f"Fulcrum JVM flags: {flags}")
    for scenario in scenarios:
        rounds_ = [r for s, r in runs if s == scenario]
        print()
        print(f"### Scenario {scenario}: {NAMES.get(scenario, '')}")
        print()
        print("| system | requests/s | p50 ms | p99 ms | CPU µs per request | errors | connections opened per request |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for system in SYSTEMS:
            rows = [runs[(scenario, r)][system] for r in rounds_ if system in runs[(scenario, r)]]
            if not rows:
                continue
            opened = sum(r["opened"] for r in rows) / max(1, sum(r["requests"] for r in rows))
            print(f"| {system} | {median([r['rps'] for r in rows]):,.0f} | {median([r['p50'] for r in rows]):.3f} "
                  f"| {median([r['p99'] for r in rows]):.3f} | {median([r['cpu'] for r in rows]):.1f} "
                  f"| {sum(r['errors'] for r in rows)} | {opened:.2f} |")
        print()
        print("| Fulcrum / | requests/s | p50 | p99 | CPU per request |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for other in ["haproxy", "nginx", "direct", "baseline"]:
            ratios = {"rps": [], "p50": [], "p99": [], "cpu": []}
            for r in rounds_:
                run = runs[(scenario, r)]
                if "fulcrum" in run and other in run:
                    for k in ratios:
                        if run[other][k] > 0:
                            ratios[k].append(run["fulcrum"][k] / run[other][k])
            if ratios["rps"]:
                print(f"| {other} | {median(ratios['rps']):.2f} | {median(ratios['p50']):.2f} "
                      f"| {median(ratios['p99']):.2f} | {median(ratios['cpu']):.2f} |")
    if memory:
        print()
        print("### Resident memory")
        print()
        print("Measured on fresh processes, before any load; the last column after every load scenario.")
        print()
        print("| system | idle MiB | with N idle keep-alive connections MiB | N | KiB per connection "
              "| Java heap live after GC, KiB per connection | idle after the load scenarios MiB |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for system, (held, idle, rss, idle_heap, held_heap) in memory.items():
            per = (rss - idle) / held if held else float("nan")
            heap = f"{(held_heap - idle_heap) / held:.1f}" if held and held_heap else "n/a"
            later = f"{after[system] / 1024:.1f}" if system in after else "n/a"
            print(f"| {system} | {idle / 1024:.1f} | {rss / 1024:.1f} | {held} | {per:.1f} | {heap} | {later} |")


if __name__ == "__main__":
    if sys.argv[1] == "parse":
        parse(*sys.argv[2:7])
    else:
        table(*sys.argv[2:7])
