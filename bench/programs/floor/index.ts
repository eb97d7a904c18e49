// Pulumi's own floor: the benchmark workload's program shape (a network, N pods, one service per 10 pods
// that depends on its pods) as dynamic resources that do nothing. What this costs is Pulumi's share of
// every Podling operation (CLI, engine, Node runtime, dynamic-provider process); the rest is Podling's.
import * as pulumi from "@pulumi/pulumi";
import { groupOf, podNames, serverEnv, serviceCount, workloadFromConfig } from "../../compare/workload";

// One provider object for every resource, as Podling's stubs are: Pulumi serializes it once.
const nothing: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: inputs.name, outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: JSON.stringify(olds) !== JSON.stringify(news) };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async delete() {},
};

class Nothing extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, pulumi.Input<unknown>>) {
    super(nothing, name, { name, ...props }, {});
  }
}

const w = workloadFromConfig(new pulumi.Config());
const net = new Nothing("net", { network: w.network, cidr: w.cidr });
const pods = podNames(w.n).map(
  (name, i) => new Nothing(name, { network: net.id, group: groupOf(i), env: serverEnv(i, w) }),
);
for (let g = 0; g < serviceCount(w.n); g++) {
  const members = pods.filter((_, i) => groupOf(i) === `g${g}`);
  new Nothing(`svc-${g}`, { network: net.id, endpoints: members.map((p) => p.id) });
}
