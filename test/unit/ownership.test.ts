// Owners: how the SDK derives one from the URN's parts, how the provider reads labels against it, and
// which objects of a pod identity a resource may remove.
import { createHash } from "crypto";
import { describeOtherOwner, ownerOf, ownerProblem, urnOf } from "../../core/owner";
import { LABEL, ownerLabels, ownershipOf, PodIdentity } from "../../provider/labels";
import { clashOf, ownObjects, PodObjects } from "../../provider/pod/ownership";
import { useIn, withUse } from "../../provider/cluster/users";
import { claimName } from "../../sdk/pod-registry";
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { serviceHandlers } from "../../provider/service/handlers";
import { podFirewallHandlers } from "../../provider/pod-firewall/handlers";
import { clusterHandlers } from "../../provider/cluster/handlers";

const parts = { project: "shop", stack: "prod", type: "pulumi-nodejs:dynamic/podling:Pod", name: "web" };
const a = ownerOf("acme", parts);
const b = ownerOf("acme", { ...parts, stack: "dev" });

describe("owners from the URN's parts", () => {
  it("is the stack and the first 16 hex digits of the SHA-256 of the URN Pulumi gives the resource", () => {
    expect(urnOf(parts)).toBe("urn:pulumi:prod::shop::pulumi-nodejs:dynamic/podling:Pod::web");
    expect(a).toEqual({
      stack: "acme/shop/prod",
      resource: createHash("sha256").update(urnOf(parts)).digest("hex").slice(0, 16),
    });
    expect(ownerProblem(a)).toBeUndefined();
  });

  it("prefixes a parent's type chain, as Pulumi does, but not the stack's", () => {
    const pod = urnOf(parts);
    expect(
      urnOf({ ...parts, type: "pulumi-nodejs:dynamic/podling:PodFirewall", name: "web-firewall", parentUrn: pod }),
    ).toBe(
      "urn:pulumi:prod::shop::pulumi-nodejs:dynamic/podling:Pod$pulumi-nodejs:dynamic/podling:PodFirewall::web-firewall",
    );
    expect(urnOf({ ...parts, parentUrn: "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod" })).toBe(pod);
    expect(urnOf({ ...parts, parentUrn: "urn:pulumi:prod::shop::my:app:Shop::front" })).toBe(
      "urn:pulumi:prod::shop::my:app:Shop$pulumi-nodejs:dynamic/podling:Pod::web",
    );
  });

  it("differs for another stack, another resource name or another parent", () => {
    const resources = [
      a,
      b,
      ownerOf("acme", { ...parts, name: "web2" }),
      ownerOf("acme", { ...parts, parentUrn: "urn:pulumi:prod::shop::my:app:Shop::front" }),
    ].map((o) => o.resource);
    expect(new Set(resources).size).toBe(4);
  });

  it("refuses anything the SDK would not compute", () => {
    for (const bad of [
      undefined,
      "acme/shop/prod",
      { stack: "prod", resource: a.resource },
      { stack: a.stack, resource: "xyz" },
    ])
      expect(ownerProblem(bad)).toMatch(/^must be \{ stack/);
  });
});

describe("ownership of labelled objects", () => {
  it("is ours for exactly our owner, theirs for another, unowned without owner labels", () => {
    expect(ownershipOf(ownerLabels(a), a)).toEqual({ kind: "ours" });
    expect(ownershipOf(ownerLabels(b), a)).toEqual({ kind: "theirs", owner: b });
    expect(ownershipOf({ [LABEL.managed]: "true" }, a)).toEqual({ kind: "unowned" });
    // A state written before owners existed owns no labelled object.
    expect(ownershipOf(ownerLabels(a), undefined)).toEqual({ kind: "theirs", owner: a });
  });

  it("names the other stack, or says it is another resource of this one", () => {
    expect(describeOtherOwner(b, a)).toBe("stack acme/shop/dev");
    expect(describeOtherOwner(ownerOf("acme", { ...parts, name: "other" }), a)).toMatch(
      /^another resource of this stack \(acme\/shop\/prod, URN hash [0-9a-f]{16}\)$/,
    );
  });
});

describe("which objects of a pod identity are the resource's own", () => {
  const id: PodIdentity = { network: "net", namespace: "default", pod: "web", owner: a };
  const container = (Id: string, labels: Record<string, string>, networkMode = "net", mounts: string[] = []) => ({
    Id,
    Names: [`/${Id}`],
    Labels: { [LABEL.managed]: "true", ...labels },
    HostConfig: { NetworkMode: networkMode },
    Mounts: mounts.map((Name) => ({ Name, Type: "volume" })) as never,
  });
  const found: PodObjects = {
    containers: [
      container("ours-sandbox", ownerLabels(a)),
      container("theirs-sandbox", ownerLabels(b)),
      container("old-sandbox", {}),
      container("old-init", {}, "container:old-sandbox", ["net_default_web_scratch"]),
      container("stranger", {}, "container:someone-else", ["net_default_web_other"]),
    ],
    volumes: [
      { Name: "ours-volume", Labels: ownerLabels(a) },
      { Name: "theirs-volume", Labels: ownerLabels(b) },
      { Name: "net_default_web_scratch", Labels: {} },
      { Name: "net_default_web_other", Labels: {} },
    ],
  };

  it("by label: what carries its owner, nothing of another owner's, nothing unlabelled", () => {
    expect(ownObjects(found, a)).toEqual({ containers: ["ours-sandbox"], volumes: ["ours-volume"] });
  });

  it("unlabelled: only what the state's exact sandbox proves: the sandbox, containers in its namespace, the volumes they mount", () => {
    expect(ownObjects(found, undefined, "old-sandbox")).toEqual({
      containers: ["old-sandbox", "old-init"],
      volumes: ["net_default_web_scratch"],
    });
  });

  it("a create clashes with anything not its own, naming the other stack first", () => {
    expect(clashOf({ containers: [found.containers[0]], volumes: [found.volumes[0]] }, id)).toBeUndefined();
    expect(clashOf(found, id, ' (node "n2")')).toMatch(
      /^pod default\/web on network "net" \(node "n2"\) already belongs to stack acme\/shop\/dev \(container theirs-sandbox, container old-sandbox, .*\); Podling touched none of it\. Give this pod another name or namespace/,
    );
    expect(clashOf({ containers: [found.containers[2]], volumes: [] }, id)).toMatch(
      /already exists without an owner label \(container old-sandbox\)/,
    );
  });
});

describe("a Swarm's users, in its labels", () => {
  const base = { "podling.io/managed": "true", "podling.io/cluster": "lab" };

  it("records each Cluster resource's stack and the nodes Podling made join; leaves the other labels", () => {
    const one = withUse(base, { add: a, joined: ["id1", "id2"] });
    expect(one).toMatchObject(base);
    const two = withUse(one, { add: b });
    expect(useIn(two)).toEqual({ users: [a, b], joined: ["id1", "id2"] });
    expect(useIn(withUse(two, { remove: a }))).toEqual({ users: [b], joined: ["id1", "id2"] });
  });

  it("an update replaces the resource's earlier owner, and nodes that left are forgotten", () => {
    const renamed = ownerOf("acme", { ...parts, stack: "production" });
    const labels = withUse(withUse(base, { add: a, joined: ["id1", "id2"] }), {
      add: renamed,
      remove: a,
      left: ["id2"],
    });
    expect(useIn(labels)).toEqual({ users: [renamed], joined: ["id1"] });
    expect(useIn(withUse(labels, { add: renamed, remove: renamed }))).toEqual({ users: [renamed], joined: ["id1"] });
    expect(useIn(withUse(labels, { remove: renamed, left: ["id1"] }))).toEqual({ users: [], joined: [] });
  });
});

describe("the SDK refuses two pods of one network, namespace and name in one program, naming both", () => {
  it("at declaration, before anything reaches a provider", () => {
    const net = { declaredName: "shop" };
    claimName("Pod", net, undefined, "web", "web");
    expect(() => claimName("Pod", net, "default", "web", "web-copy")).toThrow(
      'Pod "web-copy": pod default/web on network "shop" is also declared by Pod "web" in this program; two pods of one network and namespace cannot share a name',
    );
    expect(() => claimName("Pod", { declaredName: "shop" }, "default", "web", "web-again")).toThrow(
      /also declared by Pod "web"/,
    );
    expect(() => claimName("Pod", net, "other", "web", "web-other-ns")).not.toThrow();
    expect(() => claimName("Pod", { declaredName: "other-net" }, undefined, "web", "web-other-net")).not.toThrow();
    expect(() => claimName("Service", net, undefined, "web", "web-svc")).not.toThrow();
    expect(() => claimName("Service", net, undefined, "web", "web-svc-2")).toThrow(
      'Service "web-svc-2": service default/web on network "shop" is also declared by Service "web-svc"',
    );
  });
});

describe("states written before owners existed", () => {
  const pod = {
    network: "net",
    namespace: "default",
    name: "web",
    labels: {},
    containers: [{ name: "main", image: "img:1" }],
  };
  const network = { name: "net", cidr: "10.244.0.0/16", internal: false, labels: {} };
  const service = {
    network: "net",
    namespace: "default",
    name: "web",
    selector: { app: "web" },
    type: "ClusterIP",
    ports: [],
    sessionAffinity: "None",
    endpoints: [],
  };
  const firewall = { network: "net", namespace: "default", pod: "web", sandboxId: "s", rules: {} };

  it.each([
    ["Pod", podHandlers, pod],
    ["PodNetwork", podNetworkHandlers, network],
    ["Service", serviceHandlers, service],
    ["PodFirewall", podFirewallHandlers, firewall],
  ] as const)(
    "%s: no change, whether the state has no owner or another one (Docker labels cannot change: the state keeps the owner its objects carry)",
    async (_kind, handlers, spec) => {
      expect(await handlers.diff("id", spec, { ...spec, owner: a })).toMatchObject({ changes: false });
      expect(await handlers.diff("id", { ...spec, owner: b }, { ...spec, owner: a })).toMatchObject({ changes: false });
    },
  );

  it("Cluster: an update in place, never a replace, records the owner among the Swarm's users", async () => {
    const cluster = { name: "lab", nodes: [{ name: "n1", dockerHost: "unix:///n1.sock" }], managers: 1 };
    expect(await clusterHandlers.diff("id", cluster, { ...cluster, owner: a })).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await clusterHandlers.diff("id", { ...cluster, owner: a }, { ...cluster, owner: a })).toMatchObject({
      changes: false,
      replaces: [],
    });
  });
});
