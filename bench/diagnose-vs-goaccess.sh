#!/usr/bin/env bash
# fulcrum diagnose against GoAccess (Debian's goaccess, --log-format=AWSALB) on the same generated ALB log, in the
# same run: wall time, lines per second and peak RSS (/usr/bin/time -v) of each.
#   bench/diagnose-vs-goaccess.sh [LINES]     (default 3,000,000 lines, about 1.5 GB)
# Needs: apt-get install -y goaccess time python3; a built target/fulcrum.jar (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
lines="${1:-3000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v goaccess >/dev/null || { echo "goaccess is missing: apt-get install -y goaccess" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing: apt-get install -y time" >&2; exit 1; }
[[ -f target/fulcrum.jar ]] || mvn -B -q -DskipTests package

echo "generating $lines ALB lines ..." >&2
python3 bench/gen_alb_log.py "$lines" > "$work/alb.log"
size=$(stat -c %s "$work/alb.log")
cat "$work/alb.log" > /dev/null   # both runs start from the page cache

measure() { # name, command...
  local name="$1"; shift
  /usr/bin/time -v "$@" 2> "$work/$name.time" > /dev/null
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$work/$name.time" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident set size' "$work/$name.time" | awk '{print $NF}')
  printf '%-44s %9.2f s %12.0f lines/s %8.0f MiB peak RSS\n' "$name" "$wall" "$(echo "$lines / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

echo "log: $lines lines, $((size / 1024 / 1024)) MiB; $(nproc) cores; $(goaccess --version | head -1); $(java -version 2>&1 | head -1)"
measure "fulcrum diagnose (default JVM)" java -jar target/fulcrum.jar diagnose --format json -o "$work/d.json" "$work/alb.log"
measure "fulcrum diagnose (-Xmx64m -XX:+UseSerialGC)" java -Xmx64m -XX:+UseSerialGC -jar target/fulcrum.jar diagnose --format json -o "$work/d2.json" "$work/alb.log"
measure "goaccess --log-format=AWSALB (JSON report)" goaccess "$work/alb.log" --log-format=AWSALB --no-progress -o "$work/ga.json"
