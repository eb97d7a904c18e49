// Pod: check validates, diff uses the field table, create runs the pod all-or-nothing and waits for
// readiness, read reports what Docker and the probes show, update carries out the in-place part of the
// pod's plan (plan.ts), delete treats "already gone" as done.
import type { PodSpec, PodState } from "../../core/types";
import { placePod, releasePlacement } from "../cluster/placement";
import { claimOnOtherNodes, removeStrays } from "../cluster/strays";
import { ALL_POD_INPUTS } from "./diff-table";
import { describeActions } from "../diff/actions";
import { computePodActions } from "./plan";
import { onEngine, onEngineUnlessLost } from "../docker/client";
import { messageOf } from "../docker/errors";
import { withdrawFromRecords } from "../pod-network/cluster-dns";
import { withdrawFromRouters } from "../service/router";
import { createPod, deletePod, observePod, PodNotReadyError, syncPodUpdate } from "./sync-pod";
import { log } from "../log";
import { identityOf } from "./sandbox-config";
import { takePodFromAgent } from "./agent-entry";
import { checkPod } from "./check";
import { checkOwned, pick, pickOwned, PROVIDER_KEY, ResourceHandlers } from "../handler";

export const podHandlers: ResourceHandlers = {
  check: checkOwned(async (_olds, news) => checkPod(news)),

  async diff(_id, olds, news) {
    const { changes, replaces } = computePodActions(olds, news);
    // The names of a pod's containers are fixed, so the old pod goes before the new one comes.
    return { changes, replaces, deleteBeforeReplace: true };
  },

  async create(inputs) {
    const spec = pickOwned(inputs, ALL_POD_INPUTS) as unknown as PodSpec;
    if (!spec.clusterLayout) {
      const state = await createPod(spec).catch((err) => reportNotReady(err, inputs));
      return { id: state.infraContainerId, outs: state };
    }
    const layout = spec.clusterLayout;
    const node = await placePod(spec, layout);
    const create = async () => {
      await claimOnOtherNodes(identityOf(spec), layout, node.name);
      return onEngine(node, () => createPod(spec, node));
    };
    const state = await create().catch(async (err) => {
      if (!(err instanceof PodNotReadyError)) await releasePlacement(node, spec.containers);
      return reportNotReady(err, inputs);
    });
    return { id: state.infraContainerId, outs: state };
  },

  async read(id, props) {
    const state = props as unknown as PodState;
    const observed = await onEngineUnlessLost(
      state.node,
      () => observePod({ ...state, infraContainerId: id }),
      async (err) => {
        // As Kubernetes does for a lost node: its pods leave their services at once, and count as gone.
        log.warn(
          `pod ${state.namespace}/${state.name}: node "${state.node!.name}" does not answer (${messageOf(err)}); the pod counts as gone, and the next up places it again`,
        );
        if (state.podIP)
          await onEngine(state.clusterLayout?.home, () => withdrawFromServices(state.network, state.podIP));
        return undefined;
      },
    );
    if (!observed) return {}; // gone: the engine drops it, and the next `up` creates it again
    if (state.node && state.clusterLayout) await removeStrays(identityOf(state), state.clusterLayout, state.node.name);
    return { id, props: { ...props, ...observed } };
  },

  async update(_id, olds, news) {
    const state = olds as unknown as PodState;
    const spec = pick(news, ALL_POD_INPUTS) as unknown as PodSpec;
    // A pod keeps its node; the new layout only refreshes how that node's engine is reached.
    const node = state.node && (spec.clusterLayout?.nodes.find((n) => n.name === state.node!.name) ?? state.node);
    const current: PodState = {
      ...state,
      ...spec,
      ...(node ? { nodeName: node.name, pinned: spec.nodeName !== undefined, node } : {}),
    };
    const actions = computePodActions(olds, news);
    log.debug(`pod ${spec.namespace}/${spec.name}: ${describeActions(actions).trimEnd()}`);
    const { inPlace } = actions;
    const outs = await onEngine(node, () => syncPodUpdate(current, spec, inPlace)).catch((err) =>
      reportNotReady(err, news),
    );
    return { outs };
  },

  async delete(id, props) {
    const state = props as unknown as PodState;
    // The agent lets go first: it must not start what is being stopped, nor count the pod as a ready
    // endpoint again, and it takes the pod out of its services. On a cluster that is its own node's agent,
    // for that node's pods; the routers on the home are changed here, and other nodes' pods follow the
    // service's own update.
    const withdrawn = await onEngineUnlessLost(
      state.node,
      () => takePodFromAgent(identityOf(state)),
      () => false,
    );
    // As in Kubernetes, a deleted pod leaves its services before its containers get SIGTERM.
    if (state.podIP && (!withdrawn || state.clusterLayout))
      await onEngine(state.clusterLayout?.home, () => withdrawFromServices(state.network, state.podIP));
    await onEngineUnlessLost(
      state.node,
      () => deletePod({ ...state, infraContainerId: id }, state.terminationGracePeriodSeconds ?? 30),
      (err) => {
        log.warn(
          `pod ${state.namespace}/${state.name}: node "${state.node!.name}" does not answer (${messageOf(err)}); the pod is dropped from the state, and its containers stay on that engine until it is cleaned up`,
        );
      },
    );
    if (state.node) await releasePlacement(state.node, state.containers);
    if (state.node && state.clusterLayout) await removeStrays(identityOf(state), state.clusterLayout, state.node.name);
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

/** Takes the pod's address out of the service routers and headless records, where the agent has not. */
async function withdrawFromServices(network: string, podIP: string): Promise<void> {
  // Best effort: a pod leaves even when its services' node does not answer.
  await withdrawFromRouters(network, podIP).catch((err) =>
    log.warn(`could not withdraw ${podIP} from service routers: ${messageOf(err)}`),
  );
  await withdrawFromRecords(network, podIP).catch((err) =>
    log.debug(`could not withdraw ${podIP} from DNS records: ${String(err)}`),
  );
}
