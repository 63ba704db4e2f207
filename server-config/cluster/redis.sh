#!/usr/bin/env bash
# Stops, kills or starts again one Redis process of the local cluster, exactly
# as start.sh started it (same binary, port and data directory; the command
# line is in target/cluster/NAME.cmd). For fault tests, and for trying Redis
# outages and failovers by hand.
#
# Usage: server-config/cluster/redis.sh stop|kill|start [NAME]
#   NAME   redis (default), redis-replica or redis-sentinel
#   stop   SIGTERM: Redis writes its append-only file and exits; waits for that
#   kill   SIGKILL, as a crash would
#   start  the same command line again; waits until it answers PING
# Environment: CLUSTER_DIR (default target/cluster), STOP_TIMEOUT (default 20)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ACTION=${1:-}
NAME=${2:-redis}
STOP_TIMEOUT=${STOP_TIMEOUT:-20}
PID_FILE=$CLUSTER_DIR/$NAME.pid

# Sends SIGNAL to NAME's process and waits (bounded) until it is gone.
signal_and_wait() {
    local signal=$1 pid deadline=$((SECONDS + STOP_TIMEOUT))
    pid_alive "$PID_FILE" redis-server || die "$NAME is not running (no live pid in $PID_FILE)"
    pid=$(<"$PID_FILE")
    log "Sending SIG$signal to $NAME (pid $pid)"
    kill "-$signal" "$pid"
    while pid_alive "$PID_FILE" redis-server; do
        ((SECONDS < deadline)) || die "$NAME (pid $pid) still runs ${STOP_TIMEOUT}s after SIG$signal"
        sleep 0.1
    done
    rm -f "$PID_FILE"
}

start_again() {
    [[ -f $CLUSTER_DIR/$NAME.cmd ]] || die "start.sh did not start $NAME here (no $CLUSTER_DIR/$NAME.cmd)"
    ! pid_alive "$PID_FILE" redis-server || die "$NAME already runs (pid $(<"$PID_FILE"))"
    redis_relaunch "$NAME"
    local port
    port=$(redis_port "$NAME")
    wait_until "$NAME on port $port" 30 redis_answers "$port"
    log "$NAME runs again on port $port (pid $(<"$PID_FILE"))"
}

case $ACTION in
    stop) signal_and_wait TERM ;;
    kill) signal_and_wait KILL ;;
    start) start_again ;;
    *) die "usage: redis.sh stop|kill|start [redis|redis-replica|redis-sentinel]" ;;
esac
