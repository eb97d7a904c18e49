// env in both of its forms: a map, or Kubernetes' list of {name, value}, where a repeated name takes its
// last value, as the kubelet does. What Docker gets, and what check says about the list's size.
import { envVariables } from "../../core/env";
import { checkPod } from "../../provider/pod/check";
import { initContainerConfig } from "../../provider/pod/container-config";
import { UNKNOWN } from "../../provider/check/failures";
import type { Container } from "../../core/types";

const SANDBOX = { id: "sandbox", podIP: "10.244.0.2" };
const podWith = (env: unknown) => ({ network: "net", name: "web", containers: [{ name: "c", image: "i", env }] });
const failuresOf = (env: unknown) => checkPod(podWith(env)).failures.map((f) => `${f.property}: ${f.reason}`);

describe("envVariables", () => {
  it("takes a map as it is", () => {
    expect(envVariables({ A: "1", B: "2" })).toEqual([
      ["A", "1"],
      ["B", "2"],
    ]);
  });
  it("takes a list in order, a missing value as empty", () => {
    expect(envVariables([{ name: "B", value: "2" }, { name: "A" }])).toEqual([
      ["B", "2"],
      ["A", ""],
    ]);
  });
  it("gives a name repeated in the list its last value, once", () => {
    expect(
      envVariables([
        { name: "A", value: "first" },
        { name: "B", value: "b" },
        { name: "A", value: "last" },
      ]),
    ).toEqual([
      ["A", "last"],
      ["B", "b"],
    ]);
  });
  it("is empty without env", () => expect(envVariables(undefined)).toEqual([]));
});

describe("a container's Docker environment", () => {
  const envOf = (env: Container["env"]) =>
    initContainerConfig(checkPod(podWith(env)).inputs, { name: "c", image: "i", env }, SANDBOX).Env;
  it("is the same from a map and from the equivalent list", () => {
    expect(envOf({ A: "1", B: "x=y" })).toEqual(["A=1", "B=x=y"]);
    expect(
      envOf([
        { name: "A", value: "1" },
        { name: "B", value: "x=y" },
      ]),
    ).toEqual(["A=1", "B=x=y"]);
  });
  it("holds a repeated list name once, with its last value", () => {
    expect(
      envOf([
        { name: "A", value: "1" },
        { name: "A", value: "2" },
      ]),
    ).toEqual(["A=2"]);
  });
});

describe("checking env in the list form", () => {
  it("accepts a list with repeated names, values unknown at preview, and entries without value", () => {
    expect(failuresOf([{ name: "A", value: "1" }, { name: "A", value: UNKNOWN }, { name: "EMPTY" }, UNKNOWN])).toEqual(
      [],
    );
  });
  it("keeps the list as written in the checked inputs", () => {
    const env = [
      { name: "A", value: "1" },
      { name: "A", value: "2" },
    ];
    expect(checkPod(podWith(env)).inputs.containers[0].env).toEqual(env);
  });
  it("sizes the environment the container gets: a replaced value does not count", () => {
    const half = "x".repeat(80 * 1024);
    expect(
      failuresOf([
        { name: "A", value: half },
        { name: "A", value: half },
      ]),
    ).toEqual([]);
    expect(
      failuresOf([
        { name: "A", value: half },
        { name: "B", value: half },
      ]),
    ).toEqual([expect.stringMatching(/^containers\[0\]\.env: holds 163846 bytes; at most 131072 fit/)]);
  });
});
