// `podling get deployments` from pods alone: grouping by the sandbox's Deployment labels, the current
// template and desired replicas from the newest pod, kubectl's counts and columns, and the apps/v1 object.
import type { ContainerView, PodView } from "../../provider/cli/read/model";
import { deploymentsOf } from "../../provider/cli/read/deployments";
import { deploymentRow } from "../../provider/cli/view/deployment-rows";
import { deploymentObject } from "../../provider/cli/view/objects";

const NOW = Date.parse("2026-12-03T12:00:00Z");

const server = (over: Partial<ContainerView> = {}): ContainerView => ({
  name: "server",
  id: "c1",
  image: "web:2",
  dockerState: "running",
  oomKilled: false,
  restartCount: 0,
  ready: true,
  mounts: [],
  ...over,
});

/** A pod of Deployment web made from template `hash` when the Deployment asked for `replicas`. */
const pod = (name: string, hash: string, created: string, over: Partial<PodView> = {}): PodView => ({
  namespace: "default",
  name,
  network: "net",
  node: "vm",
  created,
  sandboxId: name,
  sandboxState: "running",
  labels: { app: "web", "pod-template-hash": hash },
  deployment: { name: "web", templateHash: hash, replicas: 3, selector: "app=web" },
  initContainers: [],
  containers: [server()],
  ...over,
});

describe("deploymentsOf", () => {
  it("groups a Deployment's pods, takes template and replicas from the newest, and leaves plain pods out", () => {
    const old = pod("web-aaaaaaaaaa-x1", "aaaaaaaaaa", "2026-12-03T10:00:00Z", {
      containers: [server({ image: "web:1" })],
      deployment: { name: "web", templateHash: "aaaaaaaaaa", replicas: 2, selector: "app=web" },
    });
    const fresh = pod("web-bbbbbbbbbb-y1", "bbbbbbbbbb", "2026-12-03T11:50:00Z");
    const notReady = pod("web-bbbbbbbbbb-y2", "bbbbbbbbbb", "2026-12-03T11:55:00Z", {
      containers: [server({ ready: false })],
    });
    const plain = { ...pod("db", "", "2026-12-03T09:00:00Z"), deployment: undefined };
    const [web, ...others] = deploymentsOf([notReady, plain, old, fresh]);
    expect(others).toEqual([]);
    expect(web).toMatchObject({
      name: "web",
      replicas: 3,
      templateHash: "bbbbbbbbbb",
      created: "2026-12-03T10:00:00Z",
      labels: { app: "web" },
    });
    // READY counts ready pods of any template; UP-TO-DATE those of the newest template.
    expect(deploymentRow(web, NOW, true)).toEqual(["web", "2/3", "2", "2", "120m", "server", "web:2", "app=web"]);
    expect(deploymentObject(web)).toMatchObject({
      apiVersion: "apps/v1",
      kind: "Deployment",
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "server", image: "web:2" }] } },
      },
      status: { replicas: 3, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    });
  });

  it("keeps Deployments of one name apart by namespace, and sorts them", () => {
    const a = pod("web-h-1", "h", "2026-12-03T11:00:00Z", { namespace: "shop" });
    const b = pod("web-h-2", "h", "2026-12-03T11:00:00Z");
    expect(deploymentsOf([a, b]).map((d) => `${d.namespace}/${d.name} ${d.pods.length}`)).toEqual([
      "default/web 1",
      "shop/web 1",
    ]);
  });

  it("says <unknown> where no pod's label gives the replicas or selector", () => {
    const bare = pod("web-h-1", "h", "2026-12-03T11:00:00Z", {
      labels: undefined,
      deployment: { name: "web", templateHash: "h" },
    });
    const [web] = deploymentsOf([bare]);
    expect(deploymentRow(web, NOW, true)).toEqual([
      "web",
      "1/<unknown>",
      "1",
      "1",
      "60m",
      "server",
      "web:2",
      "<unknown>",
    ]);
    expect(web.labels).toBeUndefined();
  });

  it("takes the template's containers from a pod that has them: the newest may have its sandbox only", () => {
    const running = pod("web-h-1", "h", "2026-12-03T11:00:00Z");
    const starting = pod("web-h-2", "h", "2026-12-03T11:59:00Z", { containers: [] });
    const [web] = deploymentsOf([running, starting]);
    expect(deploymentRow(web, NOW, true).slice(5)).toEqual(["server", "web:2", "app=web"]);
    const [bare] = deploymentsOf([starting]);
    expect(deploymentRow(bare, NOW, true).slice(5)).toEqual(["<unknown>", "<unknown>", "app=web"]);
  });

  it("a pod whose sandbox is down is not ready", () => {
    const [web] = deploymentsOf([pod("web-h-1", "h", "2026-12-03T11:00:00Z", { sandboxState: "exited" })]);
    expect(deploymentRow(web, NOW, false)).toEqual(["web", "0/3", "1", "0", "60m"]);
  });
});
