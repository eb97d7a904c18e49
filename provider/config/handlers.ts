// ConfigMap and Secret hold values only, as Namespace holds labels: the pods that name them receive the
// values as inputs of their own (the SDK wires them), so a change reaches each pod as a change of the pod.
import { declarationHandlers } from "../handler";
import { checkConfigMap, checkSecret } from "./check";

export const CONFIG_MAP_INPUTS = ["namespace", "name", "data", "binaryData"] as const;
export const SECRET_INPUTS = ["namespace", "name", "type", "data", "stringData"] as const;

const idOf = (spec: Record<string, unknown>) => `${spec.namespace}/${spec.name}`;
const VALUES_WHY = "the values live in the state; the pods that consume them are replaced by their own diff";

export const configMapHandlers = declarationHandlers(
  async (_olds, news) => checkConfigMap(news),
  CONFIG_MAP_INPUTS,
  [
    { field: "data", action: "update", why: VALUES_WHY },
    { field: "binaryData", action: "update", why: VALUES_WHY },
  ],
  idOf,
);

export const secretHandlers = declarationHandlers(
  async (_olds, news) => checkSecret(news),
  SECRET_INPUTS,
  [
    { field: "data", action: "update", why: VALUES_WHY },
    { field: "stringData", action: "update", why: VALUES_WHY },
    { field: "type", action: "replace", why: "Kubernetes does not change a Secret's type in place" },
  ],
  idOf,
);
