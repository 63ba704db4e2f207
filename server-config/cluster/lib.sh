# shellcheck shell=bash
# Helpers shared by start.sh and stop.sh (sourced, not run).

# The repository root, whatever the caller's working directory.
CLUSTER_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Run state: pid files, logs, certificate, generated nginx.conf.
CLUSTER_DIR=${CLUSTER_DIR:-$CLUSTER_ROOT/target/cluster}
[[ $CLUSTER_DIR == /* ]] || CLUSTER_DIR=$CLUSTER_ROOT/$CLUSTER_DIR

log() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# True if the pid in FILE is a live process whose command line contains
# PATTERN (so a recycled pid is never mistaken for ours). Zombies count as
# gone: their command line is empty.
pid_alive() {
    local file=$1 pattern=$2 pid cmdline
    [[ -f $file ]] || return 1
    pid=$(<"$file")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
    [[ $cmdline == *"$pattern"* ]]
}

# The command-line pattern that identifies the process of a pid file.
pid_pattern() {
    case $(basename "$1") in
        nginx.pid) echo "nginx" ;;
        redis*.pid) echo "redis-server" ;;  # redis, redis-replica, redis-sentinel
        node*.pid) echo "payara-micro" ;;
        *) die "unknown pid file $1" ;;
    esac
}

# Every pid file of the cluster, in stop order: Nginx, nodes, Redis (and its replica and Sentinel).
pid_files() {
    local f
    for f in "$CLUSTER_DIR"/nginx.pid "$CLUSTER_DIR"/node*.pid "$CLUSTER_DIR"/redis*.pid; do
        [[ -f $f ]] && echo "$f"
    done
    return 0
}

# Calls PREDICATE ARGS... every half second until it succeeds, or dies after
# TIMEOUT seconds.
wait_until() {
    local what=$1 timeout=$2 deadline
    shift 2
    deadline=$((SECONDS + timeout))
    until "$@"; do
        ((SECONDS < deadline)) || die "timed out after ${timeout}s waiting for $what"
        sleep 0.5
    done
}

# True if a Redis (or Sentinel) on 127.0.0.1:PORT answers PING.
redis_answers() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'PING\r\n' >&3 &&
        read -r -t 2 reply <&3 && [[ $reply == +PONG* ]]) 2>/dev/null
}

# ---- Redis processes: started by start.sh, stopped and started again by redis.sh ----

# Starts NAME (redis, redis-replica, redis-sentinel) as COMMAND ARGS... and keeps the
# command line in NAME.cmd, one argument a line, so that redis_relaunch can start the
# very same process again (same port, same data directory).
redis_launch() {
    local name=$1
    shift
    printf '%s\n' "$@" >"$CLUSTER_DIR/$name.cmd"
    redis_relaunch "$name"
}

# Starts NAME again from NAME.cmd; pid in NAME.pid, output appended to NAME.log.
redis_relaunch() {
    local name=$1 command
    mapfile -t command <"$CLUSTER_DIR/$name.cmd"
    nohup "${command[@]}" >>"$CLUSTER_DIR/$name.log" 2>&1 </dev/null &
    echo $! >"$CLUSTER_DIR/$name.pid"
}

# The port NAME listens on, from its command line (--port P) or Sentinel config (port P).
redis_port() {
    local name=$1
    if [[ -f $CLUSTER_DIR/$name.conf ]]; then
        awk '$1 == "port" { print $2 }' "$CLUSTER_DIR/$name.conf"
    else
        grep -A1 -x -- '--port' "$CLUSTER_DIR/$name.cmd" | tail -n 1
    fi
}
