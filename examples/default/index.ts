// The default stack: one pod network and two pods. In each pod a web server and a sidecar share one
// network namespace; the sidecar polls the server on localhost and serves what it got on port 9090.
import * as podling from "podling";

const image = "podling/busybox:1"; // built locally by scripts/setup/images.sh; any image works

const net = new podling.PodNetwork("demo", { cidr: "10.244.0.0/16" });

function webPod(name: string) {
  return new podling.Pod(name, {
    network: net,
    labels: { app: "web", instance: name },
    containers: [
      {
        name: "server",
        image,
        // `trap ... & wait` lets the shell, as PID 1, stop at once on SIGTERM.
        command: [
          "sh",
          "-c",
          `trap 'exit 0' TERM; mkdir -p /www && echo "hello from ${name}" > /www/index.html; httpd -f -v -p 8080 -h /www & wait`,
        ],
        ports: [{ name: "http", containerPort: 8080 }],
        resources: { limits: { cpu: "250m", memory: "32Mi" } },
      },
      {
        name: "sidecar",
        image,
        // Reaches the server over localhost: proof that the two containers share the pod's namespace.
        command: [
          "sh",
          "-c",
          "trap 'exit 0' TERM; mkdir -p /out; while :; do wget -qO /out/index.html http://localhost:8080/ 2>/dev/null; sleep 2; done & httpd -f -p 9090 -h /out & wait",
        ],
        ports: [{ containerPort: 9090 }],
      },
    ],
  });
}

const web1 = webPod("web-1");
const web2 = webPod("web-2");

export const network = net.networkName;
export const cidr = net.cidr;
export const podIPs = { "web-1": web1.podIP, "web-2": web2.podIP };
export const containers = { "web-1": web1.containerIds, "web-2": web2.containerIds };
