// Pod: check validates, diff uses the field table, create runs the pod all-or-nothing, read reports
// what Docker shows, update changes limits in place, delete treats "already gone" as done.
import type { PodSpec, PodState } from "../../sdk/types/output";
import { diffByTable } from "../diff/field-table";
import { POD_INPUTS, POD_RULES } from "../diff/tables";
import { withdrawFromRecords } from "../runtime/cluster-dns";
import { withdrawFromRouters } from "../runtime/service-router";
import { createPod, deletePod, observePod, updatePodResources } from "../runtime/sync-pod";
import { log } from "../log";
import { checkPod } from "../validation/pod";
import { pick, ResourceHandlers } from "./handler";

export const podHandlers: ResourceHandlers = {
  async check(_olds, news) {
    return checkPod(news);
  },

  async diff(_id, olds, news) {
    const result = diffByTable(olds, news, POD_INPUTS, POD_RULES);
    // The names of a pod's containers are fixed, so the old pod goes before the new one comes.
    return { changes: result.changes, replaces: result.replaces, deleteBeforeReplace: true };
  },

  async create(inputs) {
    const state = await createPod(pick(inputs, POD_INPUTS) as unknown as PodSpec);
    return { id: state.infraContainerId, outs: state };
  },

  async read(id, props) {
    const state = props as unknown as PodState;
    const observed = await observePod({ ...state, infraContainerId: id });
    if (!observed) return {}; // gone: the engine drops it, and the next `up` creates it again
    return { id, props: { ...props, status: observed.status } };
  },

  async update(_id, olds, news) {
    const state = olds as unknown as PodState;
    const spec = pick(news, POD_INPUTS) as unknown as PodSpec;
    const changed = diffByTable(olds, news, POD_INPUTS, POD_RULES).changed;
    if (changed.some((path) => /^containers\[\d+\]\.resources/.test(path))) await updatePodResources(state, spec);
    return { outs: { ...state, ...spec } };
  },

  async delete(id, props) {
    const state = props as unknown as PodState;
    // As in Kubernetes, a deleted pod leaves its services before its containers get SIGTERM.
    if (state.podIP) await withdrawFromServices(state.network, state.podIP);
    await deletePod({ infraContainerId: id, containerIds: state.containerIds }, state.terminationGracePeriodSeconds ?? 30);
  },
};

async function withdrawFromServices(network: string, podIP: string): Promise<void> {
  await withdrawFromRouters(network, podIP);
  await withdrawFromRecords(network, podIP).catch((err) => log.debug(`could not withdraw ${podIP} from DNS records: ${String(err)}`));
}
