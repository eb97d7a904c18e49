// The default stack: one pod network, two pods and a LoadBalancer service in front of them. In each pod a
// web server and a sidecar share one network namespace; the sidecar polls the server on localhost and
// serves what it got on port 9090. The service answers on a loopback address of the host, port 80.
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

// What a Kubernetes user reaches first: `curl http://<EXTERNAL-IP>/` from the host, balanced over both pods.
const web = new podling.Service("web", {
  network: net,
  type: "LoadBalancer",
  selector: { app: "web" },
  ports: [{ name: "http", port: 80, targetPort: "http" }],
});

export const network = net.networkName;
export const cidr = net.cidr;
export const podIPs = { "web-1": web1.podIP, "web-2": web2.podIP };
export const containers = { "web-1": web1.containerIds, "web-2": web2.containerIds };
export const loadBalancerIP = web.status.apply((s) => s?.loadBalancer.ingress[0]?.ip);
