#!/usr/bin/env bash
# Starts what the benchmark measures, all on 127.0.0.1:
#   - Redis (Debian's redis-server, or the binary inside the embedded-redis jar): one, or a
#     Redis Cluster of BENCH_REDIS_SHARDS primaries without replicas,
#   - N sse-chat nodes on Payara Micro (or WildFly: BENCH_RUNTIME), with the benchmark's JVM flags, a GC log
#     each, rate limits and stream caps raised, CHAT_TRUSTED_PROXIES unset and an admin
#     password (user admin, password in $BENCH_DIR/admin-password) for GET /api/admin/metrics,
#   - one Nginx serving nchan (the reference) and a front over the nodes.
# It raises the file-descriptor limit first (ulimit -n 65536, or the hard limit
# if that is lower): each open stream is one descriptor in the server.
#
# Usage: server-config/bench/servers.sh start [N]   N sse-chat nodes, default 1
#        server-config/bench/servers.sh restart I   stops node I and starts it again (bench open --cold)
#        server-config/bench/servers.sh stop        SIGTERM by pid, SIGKILL after 20 s
#        server-config/bench/servers.sh status
#
# Environment (all optional):
#   BENCH_DIR             run state, default target/bench (pids, logs, gc-node<i>.log, nginx/)
#   BENCH_CHAT_PORT       first node's port, default 8180 (then 8181, ...)
#   BENCH_NCHAN_PORT      nchan, default 8190
#   BENCH_FRONT_PORT      Nginx front over the nodes, default 8191
#   BENCH_REDIS_PORT      default 6390 (a cluster's shards: 6390, 6391, ...; bus ports +10000)
#   BENCH_REDIS_SHARDS    1 (default): one Redis, nodes get REDIS_URL; S > 1: a Redis Cluster of S
#                         primaries (no replicas, no persistence), nodes get REDIS_CLUSTER_NODES
#   BENCH_FRONT_BALANCE   least_conn (default: balance open streams) or room (room affinity as the
#                         shipped nginx/ config: hash on the room of /api/rooms/<room>/events, consistent)
#   BENCH_HEARTBEAT       heartbeat seconds for sse-chat and nchan alike, default 5
#   BENCH_JAVA_OPTS       JVM options of each node (default below, see README "Benchmark")
#   BENCH_JFR             set to 1 to record JFR from the start (-XX:StartFlightRecording)
#   BENCH_JAVA_HOME       the JDK the nodes run on, default: java on the PATH
#   BENCH_RUNTIME         payara-micro (default) or wildfly: the nodes' server
#   BENCH_PAYARA_JAR      the Payara Micro jar, default target/payara-micro.jar
#   BENCH_WILDFLY_HOME    WildFly, default target/wildfly-<version of the pom's wildfly profile>,
#                         unpacked from Maven Central when missing; each node gets its own base
#                         directory (target/bench/node<i>) and server-config/wildfly/configure.cli,
#                         applied offline; node i listens on BENCH_CHAT_PORT+i-1 (port offset
#                         from 8080, so management on 9990 + the same offset)
#   BENCH_WAR             the application, default target/sse-chat.war (A/B runs: another build)
#   BENCH_FRONT_BACKUP    set to 1 to make nodes 2..N backups in the front: every stream goes to
#                         node 1 while it lives, then to the others (bench storm)
# Afterwards target/bench/servers.env holds CHAT_URL, NCHAN_URL, FRONT_URL, NODE<i>_URL, pids,
# NODE_URLS and NODE_PIDS (comma-separated), REDIS_PIDS (one per shard) and REDIS_SHARDS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIR=${BENCH_DIR:-$ROOT/target/bench}
[[ $DIR == /* ]] || DIR=$ROOT/$DIR
CHAT_PORT=${BENCH_CHAT_PORT:-8180}
NCHAN_PORT=${BENCH_NCHAN_PORT:-8190}
FRONT_PORT=${BENCH_FRONT_PORT:-8191}
REDIS_PORT=${BENCH_REDIS_PORT:-6390}
SHARDS=${BENCH_REDIS_SHARDS:-1}
BALANCE=${BENCH_FRONT_BALANCE:-least_conn}
HEARTBEAT=${BENCH_HEARTBEAT:-5}
# The production options (heap, collector) without their GC log line, which is set per node
# below; and frames between safepoints for JFR.
DEFAULT_JAVA_OPTS="$(grep -v -e '^#' -e '^-Xlog' "$ROOT/server-config/payara-micro/jvm.options" | tr '\n' ' ')-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
RUNTIME=${BENCH_RUNTIME:-payara-micro}
PAYARA_JAR=${BENCH_PAYARA_JAR:-$ROOT/target/payara-micro.jar}
WILDFLY_VERSION=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' "$ROOT/pom.xml")
WILDFLY_HOME=${BENCH_WILDFLY_HOME:-$ROOT/target/wildfly-$WILDFLY_VERSION}
JAVA=${BENCH_JAVA_HOME:+$BENCH_JAVA_HOME/bin/}java
WAR=${BENCH_WAR:-$ROOT/target/sse-chat.war}
PREBOOT=$ROOT/server-config/payara-micro/preboot.asadmin
STOP_TIMEOUT=20

log() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

raise_fd_limit() {
    ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
    NOFILE=$(ulimit -n)
    log "File descriptors: ulimit -n is $NOFILE (wanted 65536)"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True if the pid in FILE is alive and its command line contains PATTERN.
pid_alive() {
    local pid cmdline
    [[ -f $1 ]] || return 1
    pid=$(<"$1")
    cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
    [[ $cmdline == *"$2"* ]]
}

pattern_of() {
    case $(basename "$1") in
        nginx.pid) echo nginx ;;
        redis*.pid) echo redis-server ;;
        *) node_pattern ;;
    esac
}

# What a node's command line contains.
node_pattern() {
    case $RUNTIME in
        wildfly) echo jboss-modules ;;
        *) echo payara-micro ;;
    esac
}

wait_until() {
    local what=$1 timeout=$2 deadline=$((SECONDS + $2))
    shift 2
    until "$@"; do
        ((SECONDS < deadline)) || die "timed out after ${timeout}s waiting for $what"
        sleep 0.5
    done
}

http_ok() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\n\r\n' "$2" >&3 &&
        read -r -t 10 _ status _ <&3 && [[ $status == 200 ]]) 2>/dev/null
}

redis_binary() {
    if command -v redis-server; then return; fi
    local bin=$DIR/bin/redis-server jar
    if [[ ! -x $bin ]]; then
        jar=$(find "$HOME/.m2/repository/com/github/codemonstur/embedded-redis" -name 'embedded-redis-*.jar' \
            ! -name '*-sources.jar' 2>/dev/null | sort -V | tail -n 1)
        [[ -n $jar ]] || die "no redis-server: apt-get install -y redis-server, or build once (./mvnw -B package -DskipTests)"
        mkdir -p "$DIR/bin"
        unzip -o -j -q "$jar" 'redis-server-*-linux-amd64' -d "$DIR/bin"
        mv "$DIR"/bin/redis-server-*-linux-amd64 "$bin"
        chmod +x "$bin"
    fi
    echo "$bin"
}

start_redis() {
    local bin
    bin=$(redis_binary)
    mkdir -p "$DIR/redis"
    nohup "$bin" --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --maxclients 10000 \
        --dir "$DIR/redis" >"$DIR/redis.log" 2>&1 </dev/null &
    echo $! >"$DIR/redis.pid"
    wait_until "Redis on $REDIS_PORT" 30 port_in_use "$REDIS_PORT"
    REDIS_ENV=(REDIS_URL="redis://127.0.0.1:$REDIS_PORT")
}

cluster_ok() { [[ $(redis-cli -p "$1" cluster info 2>/dev/null) == *cluster_state:ok* ]]; }

# SHARDS primaries with cluster-enabled yes, joined by redis-cli --cluster create (no replicas).
start_redis_cluster() {
    local bin s port addresses=() nodes=""
    command -v redis-cli >/dev/null || die "a Redis Cluster needs redis-cli: apt-get install -y redis-tools"
    bin=$(redis_binary)
    for ((s = 0; s < SHARDS; s++)); do
        port=$((REDIS_PORT + s))
        rm -rf "$DIR/redis$s"
        mkdir -p "$DIR/redis$s"
        nohup "$bin" --bind 127.0.0.1 --port "$port" --save "" --appendonly no --maxclients 10000 \
            --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 2000 \
            --dir "$DIR/redis$s" >"$DIR/redis$s.log" 2>&1 </dev/null &
        echo $! >"$DIR/redis$s.pid"
        addresses+=("127.0.0.1:$port")
    done
    for ((s = 0; s < SHARDS; s++)); do
        wait_until "Redis on $((REDIS_PORT + s))" 30 port_in_use $((REDIS_PORT + s))
    done
    redis-cli --cluster create "${addresses[@]}" --cluster-replicas 0 --cluster-yes >"$DIR/redis-cluster-create.log" 2>&1 ||
        die "redis-cli --cluster create failed: see $DIR/redis-cluster-create.log"
    for ((s = 0; s < SHARDS; s++)); do
        wait_until "cluster_state:ok on $((REDIS_PORT + s))" 30 cluster_ok $((REDIS_PORT + s))
    done
    nodes=$(IFS=,; echo "${addresses[*]}")
    REDIS_ENV=(REDIS_CLUSTER_NODES="$nodes")
}

# The nodes' Redis setting as start wrote it into servers.env (for restart).
read_redis_env() {
    REDIS_ENV=("$(grep -E '^(REDIS_URL|REDIS_CLUSTER_NODES)=' "$DIR/servers.env")")
}

redis_pids() {
    local f pids=()
    for f in "$DIR"/redis*.pid; do pids+=("$(<"$f")"); done
    (IFS=,; echo "${pids[*]}")
}

start_node() {
    local i=$1 port=$2 opts
    read -r -a opts <<<"${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"
    opts+=("-Xlog:gc*:file=$DIR/gc-node$i.log:time,uptime,level,tags")
    [[ ${BENCH_JFR:-} == 1 ]] && opts+=("-XX:StartFlightRecording=filename=$DIR/node$i.jfr,settings=profile,dumponexit=true")
    rm -rf "$DIR/node$i"
    mkdir -p "$DIR/node$i"
    CHAT_ENV=(env -u CHAT_TRUSTED_PROXIES "${REDIS_ENV[@]}" CHAT_SECRET="$SECRET"
        CHAT_ADMIN_USER=admin CHAT_ADMIN_PASSWORD="$ADMIN_PASSWORD"
        CHAT_NODE_ID="bench-node$i" CHAT_HEARTBEAT_SECONDS="$HEARTBEAT"
        CHAT_RATE_USER=1000000 CHAT_RATE_ADDRESS=1000000 CHAT_RATE_SESSIONS=1000000
        CHAT_MAX_STREAMS_PER_USER=1000000 CHAT_MAX_STREAMS_PER_ADDRESS=1000000)
    "start_${RUNTIME//-/_}_node" "$i" "$port"
}

start_payara_micro_node() {
    local i=$1 port=$2
    "${CHAT_ENV[@]}" nohup "$JAVA" "${opts[@]}" -jar "$PAYARA_JAR" --nohazelcast --disablephonehome --shutdowngrace 2000 --port "$port" \
        --contextroot / --deploy "$WAR" --prebootcommandfile "$PREBOOT" --rootdir "$DIR/node$i" \
        >"$DIR/node$i.log" 2>&1 </dev/null &
    echo $! >"$DIR/node$i.pid"
}

# WildFly's standalone.sh with its own base directory per node: configuration (the configured
# sse-chat-bench.xml), deployments (the WAR as ROOT.war, so at /), data, log, tmp. The script starts
# java in the background and writes its pid, which is what the benchmark measures and kills.
start_wildfly_node() {
    local i=$1 port=$2 base=$DIR/node$i
    ((port >= 8080)) || die "WildFly nodes need BENCH_CHAT_PORT >= 8080 (a port offset from 8080)"
    mkdir -p "$base/deployments"
    cp -r "$WILDFLY_HOME/standalone/configuration" "$base/"
    cp "$WAR" "$base/deployments/ROOT.war"
    "${CHAT_ENV[@]}" JAVA_HOME="${BENCH_JAVA_HOME:-}" JAVA_OPTS="${opts[*]}" \
        LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$DIR/node$i.pid" \
        nohup "$WILDFLY_HOME/bin/standalone.sh" --server-config=sse-chat-bench.xml \
        -Djboss.server.base.dir="$base" -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 \
        -Djboss.socket.binding.port-offset=$((port - 8080)) >"$DIR/node$i.log" 2>&1 </dev/null &
    wait_until "node$i's pid file" 30 test -s "$DIR/node$i.pid"
}

# Unpacks WildFly when missing and applies configure.cli offline to a copy of its standalone.xml.
prepare_wildfly() {
    if [[ ! -x $WILDFLY_HOME/bin/standalone.sh ]]; then
        [[ -z ${BENCH_WILDFLY_HOME:-} ]] || die "no WildFly in $WILDFLY_HOME"
        "$ROOT/mvnw" -B -q dependency:unpack -Dartifact="org.wildfly:wildfly-dist:$WILDFLY_VERSION:tar.gz" \
            -DoutputDirectory="$ROOT/target" || die "could not unpack org.wildfly:wildfly-dist:$WILDFLY_VERSION"
    fi
    local conf=$WILDFLY_HOME/standalone/configuration
    cp "$conf/standalone.xml" "$conf/sse-chat-bench.xml"
    {
        echo "embed-server --server-config=sse-chat-bench.xml --std-out=discard"
        cat "$ROOT/server-config/wildfly/configure.cli"
        echo
        echo "stop-embedded-server"
    } >"$DIR/wildfly-configure.cli"
    JAVA_HOME="${BENCH_JAVA_HOME:-}" "$WILDFLY_HOME/bin/jboss-cli.sh" --file="$DIR/wildfly-configure.cli" >"$DIR/wildfly-configure.log" 2>&1 ||
        die "configure.cli failed: see $DIR/wildfly-configure.log"
}

node_ready() {
    pid_alive "$DIR/node$1.pid" "$(node_pattern)" || { tail -n 30 "$DIR/node$1.log" >&2; die "node$1 exited"; }
    http_ok "$2" /api/health
}

start_nginx() {
    local conf servers="" user="" i backup="" balancing
    for ((i = 0; i < NODES; i++)); do
        servers+="        server 127.0.0.1:$((CHAT_PORT + i))$backup;"$'\n'
        [[ ${BENCH_FRONT_BACKUP:-} == 1 ]] && backup=" backup"
    done
    ((EUID == 0)) && user="user root;"
    case $BALANCE in
        least_conn) balancing="least_conn;" ;;
        room) balancing="hash \$chat_affinity consistent;" ;;
        *) die "BENCH_FRONT_BALANCE must be least_conn or room, not $BALANCE" ;;
    esac
    conf=$(<"$ROOT/server-config/bench/nginx.conf.template")
    conf=${conf//@@BALANCING@@/"$balancing"}
    conf=${conf//@@USER_DIRECTIVE@@/"$user"}
    conf=${conf//@@NOFILE@@/"$NOFILE"}
    conf=${conf//@@CONNECTIONS@@/"$((NOFILE - 100))"}
    conf=${conf//@@NCHAN_PORT@@/"$NCHAN_PORT"}
    conf=${conf//@@FRONT_PORT@@/"$FRONT_PORT"}
    conf=${conf//@@HEARTBEAT@@/"$HEARTBEAT"}
    conf=${conf//@@UPSTREAM_SERVERS@@/"${servers%$'\n'}"}
    mkdir -p "$DIR/nginx/logs" "$DIR/nginx/temp"
    printf '%s\n' "$conf" >"$DIR/nginx/nginx.conf"
    nginx -t -q -p "$DIR/nginx/" -c "$DIR/nginx/nginx.conf" -e logs/error.log || die "invalid $DIR/nginx/nginx.conf"
    nohup nginx -p "$DIR/nginx/" -c "$DIR/nginx/nginx.conf" -e logs/error.log -g "daemon off;" \
        >"$DIR/nginx/logs/stderr.log" 2>&1 </dev/null &
    echo $! >"$DIR/nginx.pid"
    wait_until "nchan on $NCHAN_PORT" 30 port_in_use "$NCHAN_PORT"
}

write_env() {
    local i urls=() pids=()
    {
        echo "CHAT_URL=http://127.0.0.1:$CHAT_PORT"
        echo "NCHAN_URL=http://127.0.0.1:$NCHAN_PORT"
        echo "FRONT_URL=http://127.0.0.1:$FRONT_PORT"
        echo "${REDIS_ENV[0]}"
        echo "REDIS_SHARDS=$SHARDS"
        echo "REDIS_PIDS=$(redis_pids)"
        echo "FRONT_BALANCE=$BALANCE"
        echo "NGINX_PID=$(<"$DIR/nginx.pid")"
        for ((i = 1; i <= NODES; i++)); do
            echo "NODE${i}_URL=http://127.0.0.1:$((CHAT_PORT + i - 1))"
            echo "NODE${i}_PID=$(<"$DIR/node$i.pid")"
            urls+=("http://127.0.0.1:$((CHAT_PORT + i - 1))")
            pids+=("$(<"$DIR/node$i.pid")")
        done
        (IFS=,; echo "NODE_URLS=${urls[*]}"; echo "NODE_PIDS=${pids[*]}")
    } >"$DIR/servers.env"
}

start() {
    NODES=${1:-1}
    [[ $NODES =~ ^[1-9]$ ]] || die "N must be 1 to 9"
    command -v nginx >/dev/null && [[ -f /usr/lib/nginx/modules/ngx_nchan_module.so ]] ||
        die "needs nginx and nchan: apt-get install -y nginx libnginx-mod-nchan"
    [[ -f $WAR ]] || die "missing $WAR: ./mvnw -B -q package -DskipTests"
    case $RUNTIME in
        payara-micro) [[ -f $PAYARA_JAR ]] || die "missing $PAYARA_JAR: ./mvnw -B -q package -DskipTests" ;;
        wildfly) ;;
        *) die "BENCH_RUNTIME must be payara-micro or wildfly, not $RUNTIME" ;;
    esac
    for f in "$DIR"/*.pid; do
        [[ -f $f ]] && pid_alive "$f" "$(pattern_of "$f")" && die "already running ($f): $0 stop first"
    done
    [[ $SHARDS =~ ^[1-9]$ ]] || die "BENCH_REDIS_SHARDS must be 1 to 9"
    local port
    for port in $(seq "$REDIS_PORT" $((REDIS_PORT + SHARDS - 1))) $(seq $((REDIS_PORT + 10000)) $((REDIS_PORT + 10000 + SHARDS - 1))) "$NCHAN_PORT" "$FRONT_PORT" $(seq "$CHAT_PORT" $((CHAT_PORT + NODES - 1))); do
        port_in_use "$port" && die "port $port is in use"
    done
    mkdir -p "$DIR"
    echo "$RUNTIME" >"$DIR/runtime"
    [[ $RUNTIME == wildfly ]] && prepare_wildfly
    raise_fd_limit
    trap 'log "start failed: stopping what was started" >&2; stop' EXIT
    SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
    printf '%s\n' "$SECRET" >"$DIR/secret"
    ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '\n/+')
    printf '%s\n' "$ADMIN_PASSWORD" >"$DIR/admin-password"
    if ((SHARDS > 1)); then start_redis_cluster; else start_redis; fi
    for ((i = 1; i <= NODES; i++)); do
        start_node "$i" $((CHAT_PORT + i - 1))
    done
    start_nginx
    for ((i = 1; i <= NODES; i++)); do
        wait_until "node$i" 240 node_ready "$i" $((CHAT_PORT + i - 1))
    done
    write_env
    trap - EXIT
    log "Up: sse-chat http://127.0.0.1:$CHAT_PORT ($NODES node(s), front http://127.0.0.1:$FRONT_PORT), nchan http://127.0.0.1:$NCHAN_PORT"
    log "State, logs and GC logs in $DIR; settings in $DIR/servers.env"
}

# Stops node I (SIGTERM, SIGKILL after the timeout) and starts it again with the same settings.
restart() {
    local i=$1 port f pattern
    [[ $i =~ ^[1-9]$ ]] || die "I must be 1 to 9"
    f=$DIR/node$i.pid
    [[ -f $DIR/servers.env && -f $DIR/secret ]] || die "not started: $0 start first"
    port=$((CHAT_PORT + i - 1))
    pattern=$(node_pattern)
    if pid_alive "$f" "$pattern"; then
        kill -TERM "$(<"$f")" 2>/dev/null || true
        local deadline=$((SECONDS + STOP_TIMEOUT))
        while pid_alive "$f" "$pattern" && ((SECONDS < deadline)); do sleep 0.2; done
        pid_alive "$f" "$pattern" && kill -KILL "$(<"$f")" 2>/dev/null || true
    fi
    wait_until "port $port to be free" 30 eval '! port_in_use '"$port"
    raise_fd_limit
    SECRET=$(<"$DIR/secret")
    ADMIN_PASSWORD=$(<"$DIR/admin-password")
    read_redis_env
    start_node "$i" "$port"
    sleep 1 # /proc/<pid>/cmdline may read empty while env and nohup exec into java
    wait_until "node$i" 240 node_ready "$i" "$port"
    sed -i "s/^NODE${i}_PID=.*/NODE${i}_PID=$(<"$f")/" "$DIR/servers.env"
    log "node$i restarted: pid $(<"$f")"
}

stop() {
    local f pids=() deadline=$((SECONDS + STOP_TIMEOUT))
    shopt -s nullglob
    for f in "$DIR"/nginx.pid "$DIR"/node*.pid "$DIR"/redis*.pid; do
        if pid_alive "$f" "$(pattern_of "$f")"; then
            log "Stopping $(basename "$f" .pid) (pid $(<"$f"))"
            kill -TERM "$(<"$f")" 2>/dev/null || true
            pids+=("$f")
        fi
    done
    for f in "${pids[@]}"; do
        while pid_alive "$f" "$(pattern_of "$f")" && ((SECONDS < deadline)); do sleep 0.2; done
        if pid_alive "$f" "$(pattern_of "$f")"; then
            log "$(basename "$f" .pid) did not stop: SIGKILL"
            kill -KILL "$(<"$f")" 2>/dev/null || true
        fi
    done
    rm -f "$DIR"/*.pid
}

status() {
    local f
    shopt -s nullglob
    for f in "$DIR"/*.pid; do
        pid_alive "$f" "$(pattern_of "$f")" && log "$(basename "$f" .pid): pid $(<"$f")" || log "$(basename "$f" .pid): gone"
    done
}

# Later commands act on the nodes of the runtime that start chose.
[[ ${1:-} != start && -f $DIR/runtime ]] && RUNTIME=$(<"$DIR/runtime")

case ${1:-} in
    start) start "${2:-1}" ;;
    restart) restart "${2:-1}" ;;
    stop) stop ;;
    status) status ;;
    *) die "usage: $0 start [N] | restart I | stop | status" ;;
esac
