#!/usr/bin/env bash
# README command 1: deploys the default stack (examples/default) with `pulumi up`, then shows the pod IPs,
# proves that two containers of one pod talk over localhost and that pods reach each other by IP, and
# calls the LoadBalancer service from the host.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$PWD/.pulumi-state}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-podling-demo}"
mkdir -p .pulumi-state
stack="${PODLING_DEMO_STACK:-dev}"
pulumi stack select --create "$stack" --non-interactive >/dev/null
pulumi up --yes --non-interactive --stack "$stack"

ips="$(pulumi stack output podIPs --json --stack "$stack")"
ids="$(pulumi stack output containers --json --show-secrets --stack "$stack")"
field() { node -e 'const v=JSON.parse(process.argv[1]); console.log(process.argv.slice(2).reduce((o,k)=>o[k], v))' "$@"; }
web1_ip="$(field "$ips" web-1)"; web2_ip="$(field "$ips" web-2)"

echo
echo "Pod IPs: web-1 $web1_ip, web-2 $web2_ip (network $(pulumi stack output network --stack "$stack"), $(pulumi stack output cidr --stack "$stack"))"
echo
echo "Inside pod web-1, the sidecar container asks its neighbour on localhost:"
echo "  \$ docker exec <web-1 sidecar> wget -qO- http://localhost:8080/"
echo "  $(docker exec "$(field "$ids" web-1 sidecar)" wget -qO- http://localhost:8080/)"
echo "Pod web-2 reaches pod web-1 by its pod IP, without NAT:"
echo "  \$ docker exec <web-2 sidecar> wget -qO- http://$web1_ip:8080/"
echo "  $(docker exec "$(field "$ids" web-2 sidecar)" wget -qO- "http://$web1_ip:8080/")"
echo "  web-1's server logged the caller as: $(docker logs "$(field "$ids" web-1 server)" 2>&1 | grep -o "$web2_ip" | tail -n 1)"
lb_ip="$(pulumi stack output loadBalancerIP --stack "$stack")"
echo "The LoadBalancer service web answers on the host at $lb_ip, port 80, balanced over both pods:"
echo "  \$ curl http://$lb_ip/"
echo "  $(node -e 'fetch(process.argv[1]).then((r) => r.text()).then((t) => process.stdout.write(t.trim()))' "http://$lb_ip/")"
echo
echo "Look at it as kubectl would, from this folder: npx podling get pods -o wide (see README.md, 30-second tour)"
echo
echo "Tear it down with: PULUMI_BACKEND_URL=$PULUMI_BACKEND_URL PULUMI_CONFIG_PASSPHRASE=$PULUMI_CONFIG_PASSPHRASE pulumi destroy --yes --stack $stack --cwd $PWD"
