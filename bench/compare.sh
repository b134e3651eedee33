#!/usr/bin/env bash
# Fulcrum against HAProxy and NGINX, side by side on this machine, in one run (docs/performance.md).
#
#   bench/compare.sh
#
# Installs what is missing from Debian's packages (wrk, haproxy, nginx-light), builds target/fulcrum.jar when it is
# older than the sources, starts one NGINX target and, in front of it, Fulcrum, HAProxy and NGINX each on its own
# 127.0.0.1 port, configured alike (same number of worker threads, keep-alive and pooled connections to the target,
# no access logs but in scenario 5). wrk runs against each in turn, A B A B over several rounds; the table gives
# medians over rounds. Everything it starts is stopped when it exits.
#
# Settings (environment):
#   ROUNDS=3            rounds per scenario (each round runs every system once, order rotated per round)
#   DURATION=5          seconds of load per run
#   WARMUP=20           seconds of load on each system before the first scenario, a third each of scenarios 1, 2
#                       and 4 (Fulcrum's JIT compiles what it has seen run), and DURATION/2 again before each scenario
#   SCENARIOS="1 2 3 4 5 6 7 8"   8 is HTTP/2 (h2load: 64 connections x 10 streams, TLS with ALPN h2); 6 and 7 are HTTPS (keep-alive, and a new TLS connection per request) on one RSA
#                       2048 certificate made by openssl, with ELBSecurityPolicy-TLS13-1-2-2021-06's versions and
#                       ciphers for all (HAProxy and NGINX on Debian's OpenSSL, Fulcrum on BoringSSL)
#   SYSTEMS="direct fulcrum haproxy nginx"   which to run (direct = wrk straight to the target)
#   THREADS=1           Fulcrum's event loops = HAProxy's nbthread = NGINX's worker_processes (proxies and target)
#   TRANSPORT=auto      Fulcrum's transport (auto, io_uring, epoll, nio)
#   MEMORY_CONNECTIONS=10000   idle keep-alive connections held for the memory figures (0 skips them)
#   BASE_PORT=28080     target = BASE_PORT, then Fulcrum, HAProxy, NGINX and their logging twins on the next ports
#   FULCRUM_JVM_FLAGS   JVM flags of Fulcrum (default: the production flags below)
#   FULCRUM_JAR=FILE    run this jar instead of building target/fulcrum.jar
#   BASELINE_JAR=FILE   also run this Fulcrum build as system "baseline" (add it to SYSTEMS): before/after ratios
#                       of a change measured in the same interleaved run
#   BASELINE_JVM_FLAGS  the baseline's JVM flags (default: FULCRUM_JVM_FLAGS), to compare flags on one build
#   KEEP=1              keep the work folder (configs, logs, raw wrk output) after the run
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-20}
SCENARIOS=${SCENARIOS:-"1 2 3 4 5 6 7 8"}
SYSTEMS=${SYSTEMS:-"direct fulcrum haproxy nginx"}
THREADS=${THREADS:-1}
TRANSPORT=${TRANSPORT:-auto}
MEMORY_CONNECTIONS=${MEMORY_CONNECTIONS:-10000}
BASE_PORT=${BASE_PORT:-28080}
# Production flags (docs/performance.md): a fixed, pre-touched heap (no resizing, no page faults under load), the
# parallel collector, Netty's leak detection off (it samples buffers and records stacks), Netty's pooled direct
# allocator (4.2's default is the adaptive one), no bounds and reference-count checks on every buffer access (the
# tests run with them, and with leak detection at paranoid), and no hsperfdata file written on every safepoint.
FULCRUM_JVM_FLAGS=${FULCRUM_JVM_FLAGS:-"-server -Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+UseParallelGC \
-XX:MaxDirectMemorySize=512m -XX:+PerfDisableSharedMem -Dio.netty.leakDetection.level=disabled \
-Dio.netty.allocator.type=pooled -Dio.netty.buffer.checkBounds=false -Dio.netty.buffer.checkAccessible=false"}

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------------------------------------------------------
# Tools

install_missing() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v haproxy >/dev/null || [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
    command -v python3 >/dev/null || missing+=(python3)
    command -v curl >/dev/null || missing+=(curl)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v h2load >/dev/null || missing+=(nghttp2-client)
    command -v ss >/dev/null || missing+=(iproute2)
    command -v pgrep >/dev/null || missing+=(procps)
    command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
    command -v mvn >/dev/null || missing+=(maven)
    if ((${#missing[@]})); then
        local sudo=""
        [[ $(id -u) -eq 0 ]] || sudo="sudo"
        log "installing ${missing[*]} from Debian's packages"
        $sudo apt-get update -q >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
    fi
}
install_missing
export PATH="$PATH:/usr/sbin"
JCMD=$(command -v jcmd || true)

jar="${FULCRUM_JAR:-$root/target/fulcrum.jar}"
if [[ -z "${FULCRUM_JAR:-}" ]] && { [[ ! -f "$jar" ]] || [[ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]]; }; then
    log "building $jar"
    (cd "$root" && mvn -q -B -DskipTests package) >&2
fi

# 10,000 held connections need that many descriptors in the client and in each balancer; HAProxy wants two per
# connection for its maxconn. Where the hard limit cannot be raised, fewer connections are held (and said so).
ulimit -Hn 65536 2>/dev/null || true
ulimit -n "$(ulimit -Hn)"
NOFILE=$(ulimit -n)
HAPROXY_MAXCONN=$(((NOFILE - 300) / 2))
if ((MEMORY_CONNECTIONS > HAPROXY_MAXCONN - 50)); then
    log "file descriptor limit $NOFILE: holding $((HAPROXY_MAXCONN - 50)) connections instead of $MEMORY_CONNECTIONS"
    MEMORY_CONNECTIONS=$((HAPROXY_MAXCONN - 50))
fi

# ---------------------------------------------------------------------------------------------------------------
# Processes: everything started is recorded and stopped on exit

work="$(mktemp -d /tmp/fulcrum-bench.XXXXXX)"
chmod 755 "$work" # NGINX workers may run as another user and must read the target's files
declare -A pid_of=()
cleanup() {
    local p
    for p in "${pid_of[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for p in "${pid_of[@]}"; do
        wait "$p" 2>/dev/null || true
    done
    if [[ "${KEEP:-0}" == 1 ]]; then
        log "kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

TARGET_PORT=$BASE_PORT
declare -A port_of=([direct]=$BASE_PORT [fulcrum]=$((BASE_PORT + 1)) [haproxy]=$((BASE_PORT + 2))
    [nginx]=$((BASE_PORT + 3)) [fulcrum-log]=$((BASE_PORT + 4)) [haproxy-log]=$((BASE_PORT + 5))
    [nginx-log]=$((BASE_PORT + 6)) [baseline]=$((BASE_PORT + 7)) [fulcrum-tls]=$((BASE_PORT + 8))
    [haproxy-tls]=$((BASE_PORT + 9)) [nginx-tls]=$((BASE_PORT + 10)) [baseline-tls]=$((BASE_PORT + 11)))
for p in "${port_of[@]}"; do
    if ss -Hltn "sport = :$p" | grep -q .; then
        echo "port $p is in use; set BASE_PORT to a free range of 12 ports" >&2
        exit 1
    fi
done

wait_port() { # port seconds
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1 after $2 s; see $work" >&2
    KEEP=1
    exit 1
}

# ---------------------------------------------------------------------------------------------------------------
# The target: NGINX with a fixed small body on / and a 100 KiB body on /100k, keep-alive

mkdir -p "$work/www" "$work/tmp"
head -c 102400 /dev/zero | tr '\0' 'x' >"$work/www/100k"
chmod -R a+rX "$work/www"

nginx_common() { # name
    cat <<EOF
worker_processes $THREADS;
worker_rlimit_nofile 65536;
daemon off;
pid $work/$1.pid;
error_log $work/$1-error.log warn;
events { worker_connections 30000; multi_accept on; }
EOF
}

{
    nginx_common target
    cat <<EOF
http {
    access_log off;
    keepalive_requests 100000000;
    keepalive_timeout 300s;
    client_body_temp_path $work/tmp/target-body;
    server {
        listen 127.0.0.1:$TARGET_PORT reuseport backlog=4096;
        default_type text/plain;
        root $work/www;
        sendfile on;
        tcp_nopush on;
        location = / { return 200 "Hello from the benchmark target\n"; }
        location = /100k { }
    }
}
EOF
} >"$work/target.conf"

start_nginx() { # name
    nginx -p "$work" -e "$work/$1-error.log" -c "$work/$1.conf" >"$work/$1.out" 2>&1 &
    pid_of[$1]=$!
}

start_nginx target
wait_port "$TARGET_PORT" 10

# ---------------------------------------------------------------------------------------------------------------
# The balancers. Each also listens with HTTPS (scenarios 6 and 7) on the same certificate, with the versions and
# ciphers of ALB's ELBSecurityPolicy-TLS13-1-2-2021-06.

TLS_CIPHERS="ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA256:\
ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-SHA384:\
ECDHE-RSA-AES256-SHA384"
TLS13_SUITES="TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/bench.key" -out "$work/bench.crt" -days 2 \
    -subj "/CN=bench.local" -addext "subjectAltName=DNS:bench.local,IP:127.0.0.1" >/dev/null 2>&1
cat "$work/bench.crt" "$work/bench.key" >"$work/bench.pem"
chmod a+r "$work/bench.key" "$work/bench.pem"

fulcrum_config() { # port logging(0/1) [tls port]
    cat <<EOF
loadBalancer:
  name: bench
  attributes:
    idle_timeout.timeout_seconds: 300
EOF
    if [[ $2 == 1 ]]; then
        mkdir -p "$work/fulcrum-access-logs"
        cat <<EOF
    access_logs.enabled: true
    access_logs.path: $work/fulcrum-access-logs
    access_logs.format: alb
    access_logs.compress: false
EOF
    fi
    cat <<EOF
admin:
  listen: 127.0.0.1:0
listeners:
  - port: $1
    address: 127.0.0.1
    defaultActions:
      - type: forward
        targetGroup: bench
EOF
    if [[ -n ${3:-} ]]; then
        cat <<EOF
  - port: $3
    address: 127.0.0.1
    protocol: HTTPS
    sslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
    certificates: [{certificateFile: $work/bench.crt, keyFile: $work/bench.key}]
    defaultActions:
      - type: forward
        targetGroup: bench
EOF
    fi
    cat <<EOF
targetGroups:
  - name: bench
    port: $TARGET_PORT
    healthCheck: {path: /}
    targets:
      - {id: 127.0.0.1}
EOF
}

start_fulcrum() { # name port logging [jar [flags]]
    local tls_port=""
    if [[ $3 == 0 ]]; then
        # The HTTPS listener too, when this build has HTTPS listeners (a baseline from before them has not).
        fulcrum_config "$2" 0 "${port_of[$1-tls]}" >"$work/$1.yaml"
        java -jar "${4:-$jar}" validate "$work/$1.yaml" >/dev/null 2>&1 && tls_port=${port_of[$1-tls]}
    fi
    fulcrum_config "$2" "$3" "$tls_port" >"$work/$1.yaml"
    # shellcheck disable=SC2086 # the flags are words
    java ${5:-$FULCRUM_JVM_FLAGS} -jar "${4:-$jar}" run -c "$work/$1.yaml" --event-loops "$THREADS" --transport "$TRANSPORT" \
        >"$work/$1.out" 2>&1 &
    pid_of[$1]=$!
}

haproxy_config() { # port logging(0/1)
    cat <<EOF
global
    nbthread $THREADS
    maxconn $HAPROXY_MAXCONN
EOF
    [[ $2 == 1 ]] && echo "    log stdout format raw local0"
    cat <<EOF
defaults
    mode http
    option http-keep-alive
    option forwardfor
    http-reuse always
    timeout connect 10s
    timeout client 300s
    timeout server 300s
    timeout http-keep-alive 300s
    maxconn $HAPROXY_MAXCONN
EOF
    [[ $2 == 1 ]] && printf '    log global\n    option httplog\n'
    cat <<EOF
frontend bench
    bind 127.0.0.1:$1 backlog 4096
    default_backend target
EOF
    [[ $2 == 0 ]] && cat <<EOF
frontend bench-tls
    bind 127.0.0.1:${port_of[haproxy-tls]} backlog 4096 ssl crt $work/bench.pem alpn h2,http/1.1 ssl-min-ver TLSv1.2 ciphers $TLS_CIPHERS ciphersuites $TLS13_SUITES
    http-request set-header X-Forwarded-Proto https
    default_backend target
EOF
    cat <<EOF
backend target
    server t1 127.0.0.1:$TARGET_PORT
EOF
}

start_haproxy() { # name port logging
    haproxy_config "$2" "$3" >"$work/$1.cfg"
    local out="$work/$1.out"
    [[ $3 == 1 ]] && out="$work/haproxy-access.log" # "log stdout": HAProxy's own log lines, into a file
    haproxy -db -f "$work/$1.cfg" >"$out" 2>"$work/$1.err" &
    pid_of[$1]=$!
}

nginx_proxy_config() { # name port logging(0/1)
    nginx_common "$1"
    local access="access_log off;"
    [[ $3 == 1 ]] && access="access_log $work/nginx-access.log combined;"
    cat <<EOF
http {
    $access
    keepalive_requests 100000000;
    keepalive_timeout 300s;
    client_body_temp_path $work/tmp/$1-body;
    proxy_temp_path $work/tmp/$1-proxy;
    upstream target {
        server 127.0.0.1:$TARGET_PORT;
        keepalive 1024;
    }
    server {
        listen 127.0.0.1:$2 backlog=4096;
EOF
    [[ $3 == 0 ]] && cat <<EOF
        listen 127.0.0.1:${port_of[nginx-tls]} ssl http2 backlog=4096;
        ssl_certificate $work/bench.crt;
        ssl_certificate_key $work/bench.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ciphers $TLS_CIPHERS;
        ssl_conf_command Ciphersuites $TLS13_SUITES;
        ssl_prefer_server_ciphers on;
EOF
    cat <<EOF
        location / {
            proxy_pass http://target;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_buffers 32 8k; # 100 KiB responses stay in memory, never in a temp file
        }
    }
}
EOF
}

start_nginx_proxy() { # name port logging
    nginx_proxy_config "$1" "$2" "$3" >"$work/$1.conf"
    start_nginx "$1"
}

balancers() { local s; for s in $SYSTEMS; do [[ $s == direct ]] || echo "$s"; done; }

# Whether a system listens with HTTPS (a Fulcrum build from before HTTPS listeners does not).
has_tls() { [[ $1 != fulcrum && $1 != baseline ]] || grep -q "protocol: HTTPS" "$work/$1.yaml"; }
wants_tls() { [[ " $SCENARIOS " == *" 6 "* || " $SCENARIOS " == *" 7 "* || " $SCENARIOS " == *" 8 "* ]]; }

start_all() { # suffix logging
    local s
    for s in $(balancers); do
        case $s in
            fulcrum) start_fulcrum "fulcrum$1" "${port_of[fulcrum$1]}" "$2" ;;
            baseline) [[ -z $1 ]] && start_fulcrum baseline "${port_of[baseline]}" 0 "${BASELINE_JAR:-$jar}" \
                "${BASELINE_JVM_FLAGS:-}" ;;
            haproxy) start_haproxy "haproxy$1" "${port_of[haproxy$1]}" "$2" ;;
            nginx) start_nginx_proxy "nginx$1" "${port_of[nginx$1]}" "$2" ;;
        esac
    done
    for s in $(balancers); do
        [[ -n $1 && $s == baseline ]] && continue
        wait_port "${port_of[$s$1]}" 60
        if ! curl -fsS -o /dev/null "http://127.0.0.1:${port_of[$s$1]}/"; then
            echo "$s$1 does not answer 200; see $work" >&2
            KEEP=1
            exit 1
        fi
    done
}

stop() { # name
    local p=${pid_of[$1]:-}
    if [[ -n $p ]]; then
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
        unset "pid_of[$1]"
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# Load

passive_opens() { awk '/^Tcp:/ && ++n == 2 { print $7 }' /proc/net/snmp; }

# CPU time (clock ticks, user + system) of a system's processes: the JVM, HAProxy, or NGINX's master and workers;
# for "direct", the target's. On a shared machine this is steadier than requests/s.
cpu_ticks() { # system
    local name=${1%-tls} main p total=0 # a system's HTTPS listener is in the same process
    [[ $name == direct ]] && name=target
    main=${pid_of[$name]}
    for p in $main $(pgrep -P "$main" || true); do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)

results="$work/results.tsv"
: >"$results"

# run_wrk scenario system round seconds connections path [wrk args...]: one run, one line in results.tsv
run_wrk() {
    local scenario=$1 system=$2 round=$3 seconds=$4 connections=$5 path=$6
    shift 6
    local out="$work/wrk-$scenario-$system-$round.txt"
    local before after cpu_before cpu_after
    before=$(passive_opens)
    cpu_before=$(cpu_ticks "$system")
    local scheme=http
    [[ $system == *-tls ]] && scheme=https
    if [[ $scenario == 8 ]]; then # HTTP/2: h2load, 10 concurrent streams per connection
        h2load -c"$connections" -m10 -D"$seconds" -t1 "$scheme://127.0.0.1:${port_of[$system]}$path" >"$out" 2>&1 || true
    else
        wrk -t1 -c"$connections" -d"${seconds}s" --timeout 5s --latency "$@" \
            "$scheme://127.0.0.1:${port_of[$system]}$path" >"$out" 2>&1 || true
    fi
    after=$(passive_opens)
    cpu_after=$(cpu_ticks "$system")
    [[ $round == warmup ]] && return 0
    python3 "$root/bench/report.py" parse "$scenario" "$system" "$round" "$((after - before))" \
        "$(((cpu_after - cpu_before) * 1000000 / CLK_TCK))" <"$out" >>"$results"
}

# scenario -> connections, path, wrk's extra arguments: one a line
scenario_args() {
    case $1 in
        1 | 5 | 6 | 8) printf '%s\n' 64 / ;;
        2 | 7) printf '%s\n' 64 / -H "Connection: close" ;;
        3) printf '%s\n' 1000 / ;;
        4) printf '%s\n' 64 /100k ;;
    esac
}
declare -A scenario_name=(
    [1]="64 keep-alive connections, small response"
    [2]="new connection per request (64 concurrent, Connection: close)"
    [3]="1,000 keep-alive connections, small response"
    [4]="64 keep-alive connections, 100 KiB response"
    [5]="scenario 1 with access logs on (Fulcrum ALB format, HAProxy httplog, NGINX combined)"
    [6]="HTTPS, 64 keep-alive connections (ELBSecurityPolicy-TLS13-1-2-2021-06, RSA 2048)"
    [7]="HTTPS, a new TLS connection per request (64 concurrent, Connection: close): full handshakes"
    [8]="HTTP/2 over TLS, 64 connections x 10 concurrent streams (h2load)"
)

run_scenario() { # number suffix
    local n=$1 suffix=$2 args systems round i s
    mapfile -t args < <(scenario_args "$n")
    systems=()
    for s in $SYSTEMS; do
        if [[ $s == direct ]]; then
            [[ $suffix == -tls ]] || systems+=(direct) # the target speaks no TLS
        elif [[ $suffix == -tls ]]; then
            has_tls "$s" && systems+=("$s-tls")
        elif [[ $s != baseline || -z $suffix ]]; then
            systems+=("$s$suffix")
        fi
    done
    log "scenario $n: ${scenario_name[$n]}"
    for s in "${systems[@]}"; do
        run_wrk "$n" "$s" warmup "$(((DURATION + 1) / 2))" "${args[@]}"
    done
    for ((round = 1; round <= ROUNDS; round++)); do
        for ((i = 0; i < ${#systems[@]}; i++)); do
            s=${systems[$(((i + round - 1) % ${#systems[@]}))]}
            run_wrk "$n" "$s" "$round" "$DURATION" "${args[@]}"
        done
    done
}

# ---------------------------------------------------------------------------------------------------------------
# Memory: resident set idle, then with MEMORY_CONNECTIONS idle keep-alive client connections

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

heap_used_kib() { # pid: live Java heap after a full collection
    [[ -n $JCMD ]] || { echo 0; return; }
    "$JCMD" "$1" GC.run >/dev/null 2>&1 || true
    "$JCMD" "$1" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?$/, "", v); s += v } } END { print s + 0 }'
}

measure_memory() { # system
    local system=$1 pid=${pid_of[$1]} idle_rss held_rss idle_heap=0 held_heap=0 ready
    [[ $system == fulcrum ]] && idle_heap=$(heap_used_kib "$pid")
    idle_rss=$(rss_kib "$pid")
    mkfifo "$work/hold-$system"
    python3 "$root/bench/hold_connections.py" 127.0.0.1 "${port_of[$system]}" "$MEMORY_CONNECTIONS" 300 \
        <"$work/hold-$system" >"$work/hold-$system.out" 2>&1 &
    pid_of[hold-$system]=$!
    exec 3>"$work/hold-$system"
    for ((i = 0; i < 1200; i++)); do
        grep -q '^ready' "$work/hold-$system.out" && break
        sleep 0.1
    done
    ready=$(awk '/^ready/ { print $2 }' "$work/hold-$system.out")
    sleep 1
    [[ $system == fulcrum ]] && held_heap=$(heap_used_kib "$pid")
    held_rss=$(rss_kib "$pid")
    exec 3>&-
    stop "hold-$system"
    printf 'memory\t%s\t%s\t%s\t%s\t%s\t%s\n' "$system" "${ready:-0}" "$idle_rss" "$held_rss" "$idle_heap" \
        "$held_heap" >>"$results"
}

# ---------------------------------------------------------------------------------------------------------------
# The run

cores=$(nproc)
log "work folder $work; $cores cores; $THREADS worker thread(s) each; rounds $ROUNDS x ${DURATION}s"
start_all "" 0
# Memory first, on fresh processes: after the load scenarios, allocators keep what they freed (HAProxy's pools,
# glibc's arenas), and new connections reuse it, which would hide the growth per connection.
if ((MEMORY_CONNECTIONS > 0)); then
    log "memory: idle, then $MEMORY_CONNECTIONS idle keep-alive connections held"
    for s in $(balancers); do
        [[ $s == nginx || $s == baseline ]] || measure_memory "$s"
    done
fi

log "warming up every system for ${WARMUP}s"
warm_up() { # system: every scenario's code path (Fulcrum's JIT compiles what it has seen run)
    local third=$(((WARMUP + 2) / 3))
    run_wrk 0 "$1" warmup "$third" 64 /
    run_wrk 0 "$1" warmup "$third" 64 / -H "Connection: close"
    run_wrk 0 "$1" warmup "$third" 64 /100k
    if wants_tls && [[ $1 != direct ]] && has_tls "$1"; then
        run_wrk 0 "$1-tls" warmup "$third" 64 /
        run_wrk 0 "$1-tls" warmup "$third" 64 / -H "Connection: close"
    fi
}
for s in $SYSTEMS; do
    warm_up "$s"
done

logging_ok=0
for n in $SCENARIOS; do
    if [[ $n == 5 ]]; then
        fulcrum_config "${port_of[fulcrum-log]}" 1 >"$work/fulcrum-log-check.yaml"
        if ! problems=$(java -jar "$jar" validate "$work/fulcrum-log-check.yaml" 2>&1); then
            echo "scenario 5 skipped: this Fulcrum has no ALB-format access log (fulcrum validate: $(echo "$problems" \
                | grep -m1 access_logs || echo "$problems" | head -1))" | tee -a "$work/skipped.txt" >&2
            continue
        fi
        start_all "-log" 1
        [[ " $SYSTEMS " == *" fulcrum "* ]] && warm_up fulcrum-log
        run_scenario 5 "-log"
        logging_ok=1
        for s in $(balancers); do
            [[ $s == baseline ]] || stop "$s-log"
        done
        continue
    fi
    if [[ $n == 6 || $n == 7 || $n == 8 ]]; then
        run_scenario "$n" "-tls"
    else
        run_scenario "$n" ""
    fi
done

if ((MEMORY_CONNECTIONS > 0)); then
    sleep 2
    for s in $(balancers); do
        [[ $s == nginx || $s == baseline ]] || printf 'rss_after\t%s\t%s\n' "$s" "$(rss_kib "${pid_of[$s]}")" >>"$results"
    done
fi

if ((logging_ok)); then
    log "access log lines: fulcrum $(find "$work/fulcrum-access-logs" -type f -exec cat {} + | wc -l)," \
        "haproxy $(cat "$work/haproxy-access.log" 2>/dev/null | wc -l), nginx $(cat "$work/nginx-access.log" 2>/dev/null | wc -l)"
fi

python3 "$root/bench/report.py" table "$cores" "$THREADS" "$ROUNDS" "$DURATION" "$FULCRUM_JVM_FLAGS" <"$results"
[[ -f "$work/skipped.txt" ]] && cat "$work/skipped.txt"
exit 0
