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
        redis.pid) echo "redis-server" ;;
        node*.pid) echo "payara-micro" ;;
        *) die "unknown pid file $1" ;;
    esac
}

# Every pid file of the cluster, in stop order: Nginx, nodes, Redis.
pid_files() {
    local f
    for f in "$CLUSTER_DIR"/nginx.pid "$CLUSTER_DIR"/node*.pid "$CLUSTER_DIR"/redis.pid; do
        [[ -f $f ]] && echo "$f"
    done
    return 0
}
