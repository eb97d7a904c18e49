// `podling get pod -o json`'s Ready condition: since when the pod is ready, from podling-init's readySince.
import type { ContainerView, PodView } from "../../provider/cli/read/model";
import { podObject } from "../../provider/cli/view/objects";
import { containerView, podView } from "../support/cli-views";

const container = (name: string, over: Partial<ContainerView> = {}) => containerView({ name, id: name, ...over });
const pod = (containers: ContainerView[]): PodView => podView({ containers });
const conditions = (p: PodView) => (podObject(p).status as { conditions: unknown[] }).conditions;

describe("the Ready condition of a pod object", () => {
  it("is True since its containers' latest readySince", () => {
    const p = pod([
      container("server", { readySince: "2026-12-03T11:00:05.250Z" }),
      container("sidecar", { readySince: "2026-12-03T11:00:07.5Z" }),
    ]);
    expect(conditions(p)).toEqual([{ type: "Ready", status: "True", lastTransitionTime: "2026-12-03T11:00:07.500Z" }]);
  });

  it("has no time when a container does not say, and is False while a container is not ready", () => {
    expect(conditions(pod([container("server", { readySince: "2026-12-03T11:00:05Z" }), container("old")]))).toEqual([
      { type: "Ready", status: "True" },
    ]);
    expect(conditions(pod([container("server", { ready: false })]))).toEqual([{ type: "Ready", status: "False" }]);
  });
});
