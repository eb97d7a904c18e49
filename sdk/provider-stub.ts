// The dynamic provider that Pulumi serializes into the state of every Podling resource. It is a stub on
// purpose: each method loads the installed podling provider at run time and forwards the call, so the
// stored code is a few hundred bytes, never captures a Docker client, and an upgraded podling serves
// resources created by an older one (delete included).
import type * as pulumi from "@pulumi/pulumi";
import { kindOf, ResourceKind, ResourceType } from "../core/kinds";

// One stub object per kind: Pulumi caches a provider's serialized form by object identity, and
// serializing costs ~40 ms of program time, which a new object per resource paid again every time.
const stubs = new Map<ResourceKind, pulumi.dynamic.ResourceProvider>();

export function providerFor(type: ResourceType): pulumi.dynamic.ResourceProvider {
  const kind = kindOf(type);
  let stub = stubs.get(kind);
  if (!stub) stubs.set(kind, (stub = stubFor(kind)));
  return stub;
}

function stubFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const forward =
    (method: string) =>
    (...args: unknown[]) =>
      require("podling/provider").dispatch(kind, method, args);
  return {
    configure: forward("configure"),
    check: forward("check"),
    diff: forward("diff"),
    create: forward("create"),
    read: forward("read"),
    update: forward("update"),
    delete: forward("delete"),
  };
}
