// Deployment: check validates the Deployment and its template (through the Pod's check), diff uses the
// field table, create and update converge the pods to the spec (converge.ts), read refreshes the pods'
// readiness, delete removes every pod the way a Pod is removed (out of its services first).
import type { DeploymentPod, DeploymentSpec, DeploymentState } from "../../core/types";
import { compact } from "../check/common";
import { diffByTable } from "../diff/field-table";
import { checkOwned, pick, pickOwned, PROVIDER_KEY, ResourceHandlers } from "../handler";
import { checkDeployment } from "./check";
import { converge, Converged, RolloutError } from "./converge";
import { DEPLOYMENT_INPUTS, DEPLOYMENT_RULES } from "./diff-table";
import { templateHash } from "./pod-names";
import { observeDeploymentPod, removeDeploymentPod } from "./pod-ops";
import { forgetDeployment, recordDeployment } from "./agent-record";

export const deploymentHandlers: ResourceHandlers = {
  check: checkOwned(async (_olds, news) => checkDeployment(news)),

  async diff(_id, olds, news) {
    const table = diffByTable(olds, news, DEPLOYMENT_INPUTS, DEPLOYMENT_RULES);
    // A rollout that stalled, or pods that refresh found gone, are converged again by an update.
    const unsettled = !settled(olds as unknown as DeploymentState);
    return { changes: table.changes || unsettled, replaces: table.replaces, deleteBeforeReplace: true };
  },

  async create(inputs) {
    const spec = pickOwned(inputs, [...DEPLOYMENT_INPUTS]) as unknown as DeploymentSpec;
    const hash = templateHash(spec.template);
    const createdAt = new Date().toISOString();
    await recordDeployment(spec, hash, createdAt);
    try {
      return { id: idOf(spec), outs: { ...stateOf(spec, hash, await converge(spec, hash, [], {})), createdAt } };
    } catch (err) {
      if (!(err instanceof RolloutError)) throw err;
      // A pod that could not be made: nothing is left behind. Pods that run but are not ready are kept.
      if (!err.stalled) {
        await Promise.all(err.state.pods.map((p) => removeDeploymentPod(spec, p, spec.template)));
        // Best effort: the create's own error is what the user must see.
        await forgetDeployment(spec).catch(() => undefined);
        throw new Error(err.message);
      }
      throw initFailure(err, idOf(spec), { ...stateOf(spec, hash, err.state), createdAt }, inputs);
    }
  },

  async read(id, props) {
    const state = props as unknown as DeploymentState;
    const templates = { ...state.olderTemplates, [state.templateHash]: state.template };
    const pods = await Promise.all(
      state.pods.map(async (p) => ({ p, now: await observeDeploymentPod(state, p, templates[p.hash]) })),
    );
    // A pod of a lost node is kept, not ready, for the next up to replace and, once it answers, remove.
    const kept = pods.flatMap(({ p, now }) =>
      !now
        ? []
        : "lost" in now
          ? [{ ...p, ready: false, status: `NodeLost: ${now.lost}` }]
          : [{ ...p, ready: now.ready }],
    );
    return { id, props: { ...props, ...counts(state, kept), pods: kept } };
  },

  async update(id, olds, news) {
    const state = olds as unknown as DeploymentState;
    const spec = { ...pick(news, [...DEPLOYMENT_INPUTS]), owner: state.owner } as unknown as DeploymentSpec;
    const hash = templateHash(spec.template);
    const templates = { ...state.olderTemplates, [state.templateHash]: state.template };
    const createdAt = state.createdAt ?? new Date().toISOString();
    await recordDeployment(spec, hash, createdAt);
    try {
      return { outs: { ...stateOf(spec, hash, await converge(spec, hash, state.pods, templates)), createdAt } };
    } catch (err) {
      if (!(err instanceof RolloutError)) throw err;
      throw initFailure(err, id, { ...stateOf(spec, hash, err.state), createdAt }, news);
    }
  },

  async delete(_id, props) {
    const state = props as unknown as DeploymentState;
    const templates = { ...state.olderTemplates, [state.templateHash]: state.template };
    await Promise.all(state.pods.map((p) => removeDeploymentPod(state, p, templates[p.hash])));
    await forgetDeployment(state);
  },
};

function idOf(spec: DeploymentSpec): string {
  return `${spec.network}/${spec.namespace}/${spec.name}`;
}

function stateOf(spec: DeploymentSpec, hash: string, converged: Converged): DeploymentState {
  return compact({
    ...spec,
    templateHash: hash,
    olderTemplates: Object.keys(converged.olderTemplates).length ? converged.olderTemplates : undefined,
    ...counts({ ...spec, templateHash: hash }, converged.pods),
    pods: converged.pods,
  });
}

function counts(spec: Pick<DeploymentState, "templateHash">, pods: DeploymentPod[]) {
  const replicas = pods.filter((p) => !p.terminating);
  return {
    readyReplicas: replicas.filter((p) => p.ready).length,
    updatedReplicas: replicas.filter((p) => p.hash === spec.templateHash).length,
  };
}

/** Every pod of the current template, as many as replicas, all ready, and no other (none terminating). */
function settled(state: DeploymentState): boolean {
  const pods = state.pods ?? [];
  return pods.length === state.replicas && pods.every((p) => p.hash === state.templateHash && p.ready);
}

/**
 * A rollout that stalled is the engine's "created/updated, but failed to initialize": the error carries
 * where it stopped, so the state keeps every pod, and the next `up` converges again.
 */
function initFailure(err: RolloutError, id: string, state: DeploymentState, inputs: Record<string, unknown>): Error {
  return Object.assign(new Error(err.message), {
    id,
    properties: { ...state, [PROVIDER_KEY]: inputs[PROVIDER_KEY] },
    reasons: [err.message],
  });
}
