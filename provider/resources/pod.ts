// Pod: check validates, diff uses the field table, create runs the pod all-or-nothing and waits for
// readiness, read reports what Docker and the probes show, update changes limits and the restart policy
// in place, delete treats "already gone" as done.
import type { PodSpec, PodState } from "../../sdk/types/output";
import { diffByTable } from "../diff/field-table";
import { POD_INPUTS, POD_RULES } from "../diff/tables";
import { withdrawFromRecords } from "../runtime/cluster-dns";
import { withdrawFromRouters } from "../runtime/service-router";
import { awaitPodReady, createPod, deletePod, observePod, PodNotReadyError, updatePodInPlace } from "../runtime/sync-pod";
import { log } from "../log";
import { checkPod } from "../validation/pod";
import { pick, PROVIDER_KEY, ResourceHandlers } from "./handler";

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
    const state = await createPod(pick(inputs, POD_INPUTS) as unknown as PodSpec).catch((err) => reportNotReady(err, inputs));
    return { id: state.infraContainerId, outs: state };
  },

  async read(id, props) {
    const state = props as unknown as PodState;
    const observed = await observePod({ ...state, infraContainerId: id });
    if (!observed) return {}; // gone: the engine drops it, and the next `up` creates it again
    return { id, props: { ...props, ...observed } };
  },

  async update(_id, olds, news) {
    const state = olds as unknown as PodState;
    const spec = pick(news, POD_INPUTS) as unknown as PodSpec;
    const changed = diffByTable(olds, news, POD_INPUTS, POD_RULES).changed;
    const inPlace = { resources: changed.some((path) => /^containers\[\d+\]\.resources/.test(path)), restartPolicy: changed.includes("restartPolicy") };
    if (inPlace.resources || inPlace.restartPolicy) await updatePodInPlace(state, spec, inPlace);
    // Also where a pod recorded as not ready gets another chance: the engine retries it with an update.
    const outs = await awaitPodReady({ ...state, ...spec }, Date.now() + spec.readyTimeoutSeconds * 1000).catch((err) => reportNotReady(err, news));
    return { outs };
  },

  async delete(id, props) {
    const state = props as unknown as PodState;
    // As in Kubernetes, a deleted pod leaves its services before its containers get SIGTERM.
    if (state.podIP) await withdrawFromServices(state.network, state.podIP);
    await deletePod({ ...state, infraContainerId: id }, state.terminationGracePeriodSeconds ?? 30);
  },
};

/**
 * A pod that runs but is not ready becomes the engine's "created, but failed to initialize": the error
 * carries the pod's id and state, so the pod is kept in the state file and the next `up` retries it.
 */
function reportNotReady(err: unknown, inputs: Record<string, unknown>): never {
  if (!(err instanceof PodNotReadyError)) throw err;
  throw Object.assign(new Error(err.message), {
    id: err.state.infraContainerId,
    properties: { ...err.state, [PROVIDER_KEY]: inputs[PROVIDER_KEY] },
    reasons: [err.message],
  });
}

async function withdrawFromServices(network: string, podIP: string): Promise<void> {
  await withdrawFromRouters(network, podIP);
  await withdrawFromRecords(network, podIP).catch((err) => log.debug(`could not withdraw ${podIP} from DNS records: ${String(err)}`));
}
