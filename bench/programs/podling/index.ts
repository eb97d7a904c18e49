// The benchmark workload as a Podling program (see bench/compare/workload.ts).
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";
import {
  BUSYBOX,
  groupOf,
  podNames,
  serverCommand,
  serverEnv,
  serviceCount,
  SIDECAR_COMMAND,
  workloadFromConfig,
} from "../../compare/workload";

const w = workloadFromConfig(new pulumi.Config());
const net = new podling.PodNetwork("net", { name: w.network, cidr: w.cidr });
podNames(w.n).forEach(
  (name, i) =>
    new podling.Pod(name, {
      network: net,
      labels: { group: groupOf(i) },
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: "server",
          image: BUSYBOX,
          command: serverCommand(name),
          env: serverEnv(i, w),
          ports: [{ containerPort: 8080 }],
        },
        { name: "sidecar", image: BUSYBOX, command: SIDECAR_COMMAND },
      ],
    }),
);
for (let g = 0; g < serviceCount(w.n); g++) {
  new podling.Service(`svc-${g}`, {
    network: net,
    selector: { group: `g${g}` },
    ports: [{ port: 80, targetPort: 8080 }],
  });
}
