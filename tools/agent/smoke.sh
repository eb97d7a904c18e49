#!/usr/bin/env bash
# A manual check of podling-agent against the real engine, not part of scripts/test.sh: a sandbox, an app
# container (and with WITH_INIT=1 an init container) on a new network agent-dev-N (10.250.N.0/24), a
# pod and a firewall entry; the sandbox is restarted, then the agent is killed, then the sandbox is
# restarted again. Prints the statuses, the rules in the sandbox and what a rejected and an allowed
# client see. Everything is labelled podling.io/test=agent-dev and removed on exit. The agent runs
# --privileged unless AGENT_PRIV says otherwise (an engine that cannot grant every capability needs
# AGENT_PRIV="--cap-add NET_ADMIN --cap-add SYS_ADMIN --cap-add SYS_PTRACE").
set -euo pipefail
X=$((RANDOM % 200 + 20)); NET=agent-dev-$RANDOM; SUB=10.250.$X.0/24; SBIP=10.250.$X.10
L=(--label podling.io/test=agent-dev)
W=$(mktemp -d)
cleanup() {
  docker rm -f $NET-agent $NET-app $NET-sandbox $NET-init >/dev/null 2>&1 || true
  docker volume rm $NET-state >/dev/null 2>&1 || true
  docker network rm $NET >/dev/null 2>&1 || true
  rm -rf "$W"
}
trap cleanup EXIT
ms() { date +%s%3N; }
started() { docker inspect -f '{{.State.StartedAt}}' "$1"; }
docker network create "${L[@]}" --subnet $SUB $NET >/dev/null
SB=$(docker run -d "${L[@]}" --name $NET-sandbox --network $NET --ip $SBIP --restart unless-stopped podling/pause:1)
INIT=$(docker create "${L[@]}" --name $NET-init --network container:$SB podling/busybox:1 sh -c 'sleep 0.3; exit 0')
APP=$(docker run -d "${L[@]}" --name $NET-app --network container:$SB podling/busybox:1 sh -c "trap 'exit 0' TERM; httpd -f -p 8080 -h / & wait")
docker volume create "${L[@]}" $NET-state >/dev/null
AG=$(docker run -d "${L[@]}" --name $NET-agent ${AGENT_PRIV:---privileged} --pid host -v /var/run/docker.sock:/var/run/docker.sock \
  -v $NET-state:/state --restart always podling/agent:1)
INITS="[]"; [ "${WITH_INIT:-}" = 1 ] && INITS="[\"$INIT\"]"
S0=$(started $SB)
mkdir -p $W/desired
cat >$W/desired/pod-web.json <<J
{"version":1,"kind":"pod","namespace":"default","name":"web","sandbox":"$SB","initContainers":$INITS,
 "containers":[{"name":"httpd","id":"$APP","restartPolicy":"Always"}],"syncedStart":"$S0"}
J
cat >$W/desired/firewall-web.json <<J
{"version":1,"kind":"firewall","namespace":"default","name":"web","sandbox":"$SB",
 "rules":"*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -s 10.250.$X.20/32 -p tcp --dport 8080 -j REJECT --reject-with tcp-reset\nCOMMIT\n","syncedStart":"$S0"}
J
docker cp $W/desired $AG:/state/
probe() { docker run --rm "${L[@]}" --network $NET --ip 10.250.$X.$1 podling/busybox:1 sh -c "printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 2 $SBIP 8080 2>&1 | head -1"; }
status() { docker exec $AG cat /state/status/$1.json 2>/dev/null || echo "(no status)"; }
sleep 1
echo "== before restart: status pod=$(status pod-web)"
restart_and_measure() {
  local t0; t0=$(ms)
  docker restart -t 0 $SB >/dev/null
  local s1; s1=$(started $SB)
  until [ "$(docker inspect -f '{{.State.Running}}' $APP)" = true ] && [[ "$(started $APP)" > "$s1" ]] &&
        docker exec $AG grep -q "\"handledStart\":\"$s1\"" /state/status/firewall-web.json /state/status/pod-web.json 2>/dev/null &&
        [ "$(docker exec $AG grep -l "\"handledStart\":\"$s1\"" /state/status/firewall-web.json /state/status/pod-web.json | wc -l)" = 2 ]; do
    [ $(( $(ms) - t0 )) -lt 20000 ] || { echo "TIMEOUT"; docker logs $AG | tail; return 1; }
    sleep 0.05
  done
  echo "== restart handled: $(( $(ms) - t0 )) ms from 'docker restart' until app running + both statuses (poll granularity ~100 ms)"
  echo "   sandbox started $s1, app started $(started $APP)"
  echo "   status firewall=$(status firewall-web)"
  echo "   status pod=$(status pod-web)"
  echo "   rules in the sandbox's namespace:"
  docker exec $AG nsenter --net=/proc/$(docker inspect -f '{{.State.Pid}}' $SB)/ns/net iptables-save -t filter | grep -- "-A INPUT" | sed 's/^/     /'
  echo "   from .20 (rejected): $(probe 20)"
  echo "   from .21 (allowed):  $(probe 21)"
}
restart_and_measure
echo "== agent log:"; docker logs $AG | sed 's/^/   /'
echo "== agent crash: SIGKILL to the agent container's process, from the host"
kill -9 "$(docker inspect -f "{{.State.Pid}}" $AG)"
for i in $(seq 1 100); do [ "$(docker inspect -f '{{.State.Running}} {{.RestartCount}}' $AG)" = "true 1" ] && break; sleep 0.1; done
echo "   agent: $(docker inspect -f 'running={{.State.Running}} restarts={{.RestartCount}}' $AG)"
sleep 0.5
restart_and_measure
echo "== agent log after its restart:"; docker logs --since 5s $AG | sed 's/^/   /' | tail -8
echo "== docker kill agent (a manual stop for Docker's restart policy)"
docker kill $AG >/dev/null; sleep 3
echo "   agent: $(docker inspect -f 'running={{.State.Running}} restarts={{.RestartCount}}' $AG)"
