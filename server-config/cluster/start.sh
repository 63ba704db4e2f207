#!/usr/bin/env bash
# Starts a local sse-chat cluster on 127.0.0.1: Redis, N Payara Micro nodes
# (no Hazelcast: Redis is their only shared state) and Nginx in front, then
# waits until every node answers GET /api/health and prints the URLs.
#
# Usage: server-config/cluster/start.sh [N]     N nodes, default 2
#        server-config/cluster/stop.sh          stops everything again
#
# Environment (all optional):
#   REDIS_URL                  use this Redis instead of starting one
#   REDIS_CLUSTER_NODES        use this Redis Cluster (host:port,... of some of its nodes)
#                              instead of starting a Redis
#   REDIS_SENTINELS            use the primary these Sentinels name (host:port,...;
#                              REDIS_SENTINEL_MASTER, default mymaster) instead of starting one
#   CLUSTER_REDIS_SENTINEL=yes start a primary, a replica and a Sentinel, and
#                              use them through the Sentinel (failover tests)
#   CLUSTER_REDIS_REPLICA_PORT / CLUSTER_SENTINEL_PORT   their ports (default 6381 / 26379 or next free)
#   CLUSTER_DIR                run state (default target/cluster)
#   CLUSTER_HTTP_PORT          Nginx HTTP port (default: 8080 or the next free)
#   CLUSTER_HTTPS_PORT         Nginx HTTPS/HTTP2 port (default: 8443 or next free)
#   CLUSTER_NODE_PORTS         node ports, e.g. "8081 8082" (default: free ones from 8081)
#   CLUSTER_PAYARA_JAR, CLUSTER_WAR, CLUSTER_PREBOOT   other files than target/...
#   CLUSTER_REDIS_PORT         port for the local Redis (default: 6380 or next free)
#                              (a port given explicitly must be free)
#   NGINX_STREAM_READ_TIMEOUT  Nginx proxy_read_timeout for streams (default 60s)
#   NGINX_BALANCE              room (default: a room's streams go to one node) or least_conn
#   JAVA_OPTS                  JVM options of each node (default -Xmx512m)
#   STARTUP_TIMEOUT            seconds to wait for the nodes (default 240)
#   CHAT_*                     passed on to every node (CHAT_HEARTBEAT_SECONDS, ...)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NODES=${1:-2}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-240}
PAYARA_JAR=${CLUSTER_PAYARA_JAR:-$CLUSTER_ROOT/target/payara-micro.jar}
WAR=${CLUSTER_WAR:-$CLUSTER_ROOT/target/sse-chat.war}
PREBOOT=${CLUSTER_PREBOOT:-$CLUSTER_ROOT/server-config/payara-micro/preboot.asadmin}
TAKEN_PORTS=" "

check_prerequisites() {
    [[ $NODES =~ ^[1-9]$ ]] || die "N must be a number of nodes from 1 to 9, not '$NODES'"
    local tool
    for tool in java nginx openssl; do
        command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y nginx openssl)"
    done
    [[ -f $PREBOOT ]] || die "missing $PREBOOT"
    if [[ -n $(pid_files) ]]; then
        die "a cluster already runs in $CLUSTER_DIR: server-config/cluster/stop.sh first"
    fi
}

# Builds the WAR and fetches Payara Micro if either is missing.
ensure_artifacts() {
    [[ -f $PAYARA_JAR && -f $WAR ]] && return
    log "Building target/sse-chat.war and target/payara-micro.jar"
    local mvn=mvn
    [[ -x $CLUSTER_ROOT/mvnw ]] && mvn=$CLUSTER_ROOT/mvnw
    (cd "$CLUSTER_ROOT" && "$mvn" -B -q package -DskipTests)
}

# ---- Ports --------------------------------------------------------------------

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Sets PORT to PREFERRED, or the next port above it that is free and not
# already handed out by this script.
pick_port() {
    PORT=$1
    while port_in_use "$PORT" || [[ $TAKEN_PORTS == *" $PORT "* ]]; do
        PORT=$((PORT + 1))
    done
    TAKEN_PORTS+="$PORT "
}

# Sets PORT to EXPLICIT, which must be free, or else picks one from DEFAULT.
claim_port() {
    local explicit=$1 default=$2
    if [[ -z $explicit ]]; then
        pick_port "$default"
        return
    fi
    [[ $explicit =~ ^[0-9]+$ ]] || die "not a port: '$explicit'"
    if port_in_use "$explicit" || [[ $TAKEN_PORTS == *" $explicit "* ]]; then
        die "port $explicit is already in use"
    fi
    PORT=$explicit
    TAKEN_PORTS+="$PORT "
}

choose_ports() {
    local i next=8081 explicit=() ports=${CLUSTER_NODE_PORTS:-}
    read -r -a explicit <<<"${ports//,/ }"
    claim_port "${CLUSTER_HTTP_PORT:-}" 8080; HTTP_PORT=$PORT
    claim_port "${CLUSTER_HTTPS_PORT:-}" 8443; HTTPS_PORT=$PORT
    NODE_PORTS=()
    for ((i = 0; i < NODES; i++)); do
        claim_port "${explicit[i]:-}" "$next"; NODE_PORTS+=("$PORT"); next=$((PORT + 1))
    done
    claim_port "${CLUSTER_REDIS_PORT:-}" 6380; REDIS_PORT=$PORT
    if [[ ${CLUSTER_REDIS_SENTINEL:-} == yes ]]; then
        claim_port "${CLUSTER_REDIS_REPLICA_PORT:-}" 6381; REPLICA_PORT=$PORT
        claim_port "${CLUSTER_SENTINEL_PORT:-}" 26379; SENTINEL_PORT=$PORT
    fi
}

# ---- Redis --------------------------------------------------------------------

jar_entries() {
    unzip -Z1 "$1" 2>/dev/null || jar tf "$1"
}

# Prints the path of a redis-server: Debian's, or the Linux binary shipped
# inside the embedded-redis jar in the local Maven repository (extracted once).
redis_binary() {
    if command -v redis-server; then return; fi
    local bin=$CLUSTER_DIR/bin/redis-server jar entry arch
    [[ -x $bin ]] && { echo "$bin"; return; }
    jar=$(find "${M2_REPO:-$HOME/.m2/repository}/com/github/codemonstur/embedded-redis" \
        -name 'embedded-redis-*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' 2>/dev/null |
        sort -V | tail -n 1) || true
    [[ -n $jar ]] || die "no redis-server: apt-get install -y redis-server, set REDIS_URL, or build once (./mvnw -B package -DskipTests fetches embedded-redis)"
    case $(uname -m) in
        x86_64) arch=linux-amd64 ;;
        aarch64) arch=linux-arm64 ;;
        *) die "no embedded redis-server for $(uname -m)" ;;
    esac
    entry=$(jar_entries "$jar" | grep -E "^redis-server-.*-$arch\$" | tail -n 1) || true
    [[ -n $entry ]] || die "no $arch redis-server in $jar"
    mkdir -p "$(dirname "$bin")"
    (cd "$(dirname "$bin")" && jar xf "$jar" "$entry" && mv "$entry" redis-server && chmod +x redis-server)
    echo "$bin"
}

start_redis() {
    if [[ -n ${REDIS_CLUSTER_NODES:-} ]]; then
        REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379} # credentials and TLS only
        export REDIS_CLUSTER_NODES
        log "Using the Redis Cluster of $REDIS_CLUSTER_NODES"
        return
    fi
    if [[ -n ${REDIS_SENTINELS:-} ]]; then
        REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
        export REDIS_SENTINELS REDIS_SENTINEL_MASTER=${REDIS_SENTINEL_MASTER:-mymaster}
        log "Using the primary that Sentinels $REDIS_SENTINELS name $REDIS_SENTINEL_MASTER"
        return
    fi
    if [[ -n ${REDIS_URL:-} ]]; then
        log "Using Redis at $REDIS_URL"
        return
    fi
    local bin
    bin=$(redis_binary)
    start_redis_server redis "$bin" "$REDIS_PORT"
    REDIS_URL=redis://127.0.0.1:$REDIS_PORT
    log "Redis      $REDIS_URL ($bin)"
    [[ ${CLUSTER_REDIS_SENTINEL:-} == yes ]] && start_replica_and_sentinel "$bin"
    return 0
}

# A Redis that persists (append-only file, written on SIGTERM too), so that a
# Redis stopped and started again (redis.sh) keeps history and sessions.
start_redis_server() {
    local name=$1 bin=$2 port=$3
    shift 3
    mkdir -p "$CLUSTER_DIR/$name"
    redis_launch "$name" "$bin" --bind 127.0.0.1 --port "$port" --save "" --appendonly yes \
        --dir "$CLUSTER_DIR/$name" "$@"
    wait_until "$name on port $port" 30 redis_answers "$port"
}

# CLUSTER_REDIS_SENTINEL=yes: a replica of the primary and one Sentinel
# watching them (quorum 1, fast failover for tests); the nodes find the
# primary through the Sentinel.
start_replica_and_sentinel() {
    local bin=$1 conf=$CLUSTER_DIR/redis-sentinel.conf
    rm -rf "$CLUSTER_DIR/redis-replica"
    start_redis_server redis-replica "$bin" "$REPLICA_PORT" --replicaof 127.0.0.1 "$REDIS_PORT"
    mkdir -p "$CLUSTER_DIR/redis-sentinel"
    # Sentinel rewrites its config file as it learns: a fresh one each start.
    cat >"$conf" <<EOF2
bind 127.0.0.1
port $SENTINEL_PORT
dir $CLUSTER_DIR/redis-sentinel
sentinel monitor mymaster 127.0.0.1 $REDIS_PORT 1
sentinel down-after-milliseconds mymaster 1000
sentinel failover-timeout mymaster 5000
sentinel parallel-syncs mymaster 1
EOF2
    redis_launch redis-sentinel "$bin" "$conf" --sentinel
    wait_until "Sentinel on port $SENTINEL_PORT" 30 redis_answers "$SENTINEL_PORT"
    export REDIS_SENTINELS=127.0.0.1:$SENTINEL_PORT REDIS_SENTINEL_MASTER=mymaster
    log "Replica    redis://127.0.0.1:$REPLICA_PORT"
    log "Sentinel   127.0.0.1:$SENTINEL_PORT (master name mymaster)"
}

# ---- Payara Micro nodes -------------------------------------------------------------

# The secret that signs session tokens, made once and shared by all nodes,
# so a token from one node is valid on every other (and across restarts).
chat_secret() {
    local file=$CLUSTER_DIR/secret
    if [[ ! -s $file ]]; then
        (umask 077 && openssl rand -hex 32 >"$file")
    fi
    cat "$file"
}

start_node() {
    local i=$1 port=$2 secret=$3 java_opts
    read -r -a java_opts <<<"${JAVA_OPTS:--Xmx512m}"
    rm -rf "$CLUSTER_DIR/node$i"
    mkdir -p "$CLUSTER_DIR/node$i"
    env REDIS_URL="$REDIS_URL" CHAT_SECRET="$secret" CHAT_NODE_ID="node$i" \
        CHAT_TRUSTED_PROXIES=127.0.0.1 \
        nohup java "${java_opts[@]}" -jar "$PAYARA_JAR" --nohazelcast \
        --disablephonehome --shutdowngrace 2000 --port "$port" --contextroot / --deploy "$WAR" --prebootcommandfile "$PREBOOT" \
        --rootdir "$CLUSTER_DIR/node$i" \
        >"$CLUSTER_DIR/node$i.log" 2>&1 </dev/null &
    echo $! >"$CLUSTER_DIR/node$i.pid"
}

start_nodes() {
    local i secret
    secret=$(chat_secret)
    for ((i = 1; i <= NODES; i++)); do
        start_node "$i" "${NODE_PORTS[i - 1]}" "$secret"
    done
}

http_status() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1" &&
        printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$2" "$1" >&3 &&
        read -r -t 10 _ status _ <&3 && echo "$status") 2>/dev/null
}

# True once node I answers its health check with 200; fails the whole start
# (with the end of the node's log) if the node's process has died.
node_ready() {
    local i=$1
    if ! pid_alive "$CLUSTER_DIR/node$i.pid" payara-micro; then
        tail -n 40 "$CLUSTER_DIR/node$i.log" >&2 || true
        die "node$i exited during startup (log: $CLUSTER_DIR/node$i.log)"
    fi
    [[ $(http_status "${NODE_PORTS[i - 1]}" /api/health) == 200 ]]
}

wait_for_nodes() {
    local i
    for ((i = 1; i <= NODES; i++)); do
        wait_until "node$i on port ${NODE_PORTS[i - 1]}" "$STARTUP_TIMEOUT" node_ready "$i"
    done
}

# ---- Nginx ----------------------------------------------------------------------

# A self-signed certificate for 127.0.0.1 and localhost, made once and
# renewed when it has less than a day left.
make_certificate() {
    local dir=$1
    if [[ -f $dir/cert.pem ]] && openssl x509 -checkend 86400 -noout -in "$dir/cert.pem" >/dev/null; then
        return
    fi
    mkdir -p "$dir"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
    chmod 600 "$dir/key.pem"
}

balancing() {
    case ${NGINX_BALANCE:-room} in
        room) echo "hash \$chat_affinity consistent;" ;;
        least_conn) echo "least_conn;" ;;
        *) die "NGINX_BALANCE must be room or least_conn, not '$NGINX_BALANCE'" ;;
    esac
}

render_nginx_conf() {
    local conf servers="" port user=""
    conf=$(<"$CLUSTER_ROOT/nginx/cluster.conf.template")
    for port in "${NODE_PORTS[@]:0:NODES}"; do
        servers+="        server 127.0.0.1:$port max_fails=3 fail_timeout=10s;"$'\n'
    done
    # As root, the workers would run as `nobody`, which may not be able to
    # reach temp/ and cache/ under this directory.
    ((EUID == 0)) && user="user root;"
    conf=${conf//@@USER_DIRECTIVE@@/"$user"}
    conf=${conf//@@UPSTREAM_SERVERS@@/"${servers%$'\n'}"}
    conf=${conf//@@HTTP_PORT@@/"$HTTP_PORT"}
    conf=${conf//@@HTTPS_PORT@@/"$HTTPS_PORT"}
    conf=${conf//@@STREAM_READ_TIMEOUT@@/"${NGINX_STREAM_READ_TIMEOUT:-60s}"}
    conf=${conf//@@BALANCING@@/"$(balancing)"}
    printf '%s\n' "$conf"
}

start_nginx() {
    local dir=$CLUSTER_DIR/nginx
    rm -rf "$dir/sse-chat"
    mkdir -p "$dir/logs" "$dir/temp" "$dir/cache"
    cp -r "$CLUSTER_ROOT/nginx/sse-chat" "$dir/"
    make_certificate "$dir/tls"
    render_nginx_conf >"$dir/nginx.conf"
    nginx -t -q -p "$dir/" -c "$dir/nginx.conf" -e logs/error.log ||
        die "invalid $dir/nginx.conf (see $dir/logs/error.log)"
    nohup nginx -p "$dir/" -c "$dir/nginx.conf" -e logs/error.log -g "daemon off;" \
        >"$dir/logs/stderr.log" 2>&1 </dev/null &
    echo $! >"$CLUSTER_DIR/nginx.pid"
}

nginx_ready() {
    pid_alive "$CLUSTER_DIR/nginx.pid" nginx || die "nginx exited (see $CLUSTER_DIR/nginx/logs/error.log)"
    [[ $(http_status "$HTTP_PORT" /api/health) == 200 ]]
}

# ---- Startup ---------------------------------------------------------------------

# Machine-readable summary for scripts and tests: target/cluster/cluster.env.
write_env_file() {
    local i
    {
        echo "CLUSTER_NODES=$NODES"
        echo "CLUSTER_HTTP_PORT=$HTTP_PORT"
        echo "CLUSTER_HTTPS_PORT=$HTTPS_PORT"
        for ((i = 1; i <= NODES; i++)); do
            echo "CLUSTER_NODE${i}_PORT=${NODE_PORTS[i - 1]}"
        done
        echo "REDIS_URL=$REDIS_URL"
        [[ -z ${REDIS_SENTINELS:-} ]] || echo "REDIS_SENTINELS=$REDIS_SENTINELS"
        [[ -z ${REPLICA_PORT:-} ]] || echo "CLUSTER_REDIS_REPLICA_PORT=$REPLICA_PORT"
        [[ -z ${SENTINEL_PORT:-} ]] || echo "CLUSTER_SENTINEL_PORT=$SENTINEL_PORT"
    } >"$CLUSTER_DIR/cluster.env"
}

print_urls() {
    local i
    log ""
    log "sse-chat cluster is up ($NODES nodes, run state in $CLUSTER_DIR)"
    log "  Nginx  http://127.0.0.1:$HTTP_PORT/"
    log "         https://127.0.0.1:$HTTPS_PORT/   (HTTP/2, self-signed certificate)"
    for ((i = 1; i <= NODES; i++)); do
        log "  node$i  http://127.0.0.1:${NODE_PORTS[i - 1]}/   pid $(<"$CLUSTER_DIR/node$i.pid"), log $CLUSTER_DIR/node$i.log"
    done
    log "  Redis  $REDIS_URL"
    log "  Stop:  server-config/cluster/stop.sh"
}

# If anything fails half-way, stop what was already started.
stop_on_failure() {
    log "Start failed; stopping what was started" >&2
    "$CLUSTER_ROOT/server-config/cluster/stop.sh" >&2 || true
}

main() {
    check_prerequisites
    ensure_artifacts
    mkdir -p "$CLUSTER_DIR"
    trap stop_on_failure EXIT
    choose_ports
    start_redis
    start_nodes
    start_nginx
    wait_for_nodes
    wait_until "Nginx on port $HTTP_PORT" 30 nginx_ready
    write_env_file
    trap - EXIT
    print_urls
}

main "$@"
