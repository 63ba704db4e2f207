#!/usr/bin/env bash
# Stops the local sse-chat cluster that start.sh started, by pid: Nginx
# first (no new connections), then the nodes, then Redis (only if start.sh
# started it; its replica and Sentinel too). Each gets SIGTERM, and SIGKILL after STOP_TIMEOUT seconds.
#
# Usage: server-config/cluster/stop.sh
# Environment: CLUSTER_DIR (default target/cluster), STOP_TIMEOUT (default 20)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STOP_TIMEOUT=${STOP_TIMEOUT:-20}

# Sends SIGTERM to the live processes of the given pid files, waits for them
# to exit, SIGKILLs those still there after STOP_TIMEOUT, removes the files.
stop_group() {
    local file pids=() deadline=$((SECONDS + STOP_TIMEOUT))
    for file in "$@"; do
        if pid_alive "$file" "$(pid_pattern "$file")"; then
            log "Stopping $(basename "$file" .pid) (pid $(<"$file"))"
            kill -TERM "$(<"$file")" 2>/dev/null || true
            pids+=("$file")
        fi
    done
    while ((${#pids[@]})) && ((SECONDS < deadline)); do
        sleep 0.2
        mapfile -t pids < <(still_alive "${pids[@]}")
    done
    for file in "${pids[@]}"; do
        log "$(basename "$file" .pid) did not stop within ${STOP_TIMEOUT}s: SIGKILL"
        kill -KILL "$(<"$file")" 2>/dev/null || true
    done
    rm -f "$@"
}

still_alive() {
    local file
    for file in "$@"; do
        pid_alive "$file" "$(pid_pattern "$file")" && echo "$file"
    done
    return 0
}

main() {
    shopt -s nullglob
    if [[ -z $(pid_files) ]]; then
        log "No cluster running in $CLUSTER_DIR"
        return 0
    fi
    stop_group "$CLUSTER_DIR"/nginx.pid
    stop_group "$CLUSTER_DIR"/node*.pid
    stop_group "$CLUSTER_DIR"/redis*.pid
    log "Cluster stopped"
}

main "$@"
