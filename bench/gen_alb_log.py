#!/usr/bin/env python3
"""Writes a synthetic ALB access log in AWS's line format: mostly 200s from six targets, and the errors the seeds
describe (a target that refuses, keep-alive 502s, 504s at the connect and idle timeouts, 503 bursts, 460s under
10 s, target 500s). Usage: gen_alb_log.py LINES > file.log"""
import random
import sys
from datetime import datetime, timedelta, timezone

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rnd = random.Random(15)
targets = ["10.0.1.%d:8080" % i for i in range(11, 17)]
arn = "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/web/73e2d6bc24d8a067"
paths = ["/", "/cart", "/api/items", "/api/items/42", "/login", "/static/app.js", "/search?q=shoes"]
agents = ["curl/8.5.0", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"]
t = datetime(2026, 11, 30, 9, 0, 0, tzinfo=timezone.utc)
out = sys.stdout
w = out.write

def iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%S.%fZ")

for i in range(n):
    t += timedelta(microseconds=rnd.randint(200, 1800))
    target = targets[rnd.randrange(len(targets))]
    r = rnd.random()
    tpt = rnd.lognormvariate(-4.0, 0.8)
    rpt, respt = "0.000", "0.000"
    elb, ts, elapsed = "200", "200", tpt
    tp = "%.3f" % tpt
    if r < 0.004:
        target, rpt, tp, respt, elb, ts, elapsed = "10.0.1.17:8080", "-1", "-1", "-1", "502", "-", 0.001
    elif r < 0.006:
        rpt, tp, respt, elb, ts, elapsed = "-1", "-1", "-1", "504", "-", 10.0 + rnd.random() * 0.01
    elif r < 0.007:
        rpt, tp, respt, elb, ts, elapsed = "-1", "-1", "-1", "504", "-", 60.0 + rnd.random() * 0.01
    elif r < 0.009:
        rpt, tp, respt, elb, ts, elapsed = "0.000", "-1", "-1", "460", "-", 9.85 + rnd.random() * 0.14
    elif r < 0.010:
        target, rpt, tp, respt, elb, ts, elapsed = "-", "-1", "-1", "-1", "503", "-", 0.0
    elif r < 0.014:
        elb, ts = "500", "500"
    elif r < 0.05:
        elb, ts = "404", "404"
    created = t - timedelta(seconds=elapsed)
    path = paths[rnd.randrange(len(paths))]
    w('http %s app/my-loadbalancer/50dc6c495c0c9188 192.168.%d.%d:%d %s %s %s %s %s %s %d %d "GET http://www.example.com:80%s HTTP/1.1" "%s" - - %s "Root=1-58337262-%024x" "-" "-" 0 %s "forward" "-" "-" "%s" "%s" "-" "-" TID_%032x\n'
      % (iso(t), rnd.randrange(256), rnd.randrange(256), rnd.randint(1024, 65535), target, rpt, tp, respt, elb, ts,
         rnd.randint(100, 900), rnd.randint(200, 40000), path, agents[i % 2], arn if target != "-" else "-",
         rnd.getrandbits(96), iso(created), target, ts, rnd.getrandbits(128)))
