// Pods that prove themselves: each serves its own name on 8080, and a sidecar can call any pod. Used by
// the fault suites, which end by checking that reality matches the declaration.
import { exec } from "./docker";
import { objectsUnknownToState } from "./leaks";
import type { TestStack } from "./pulumi";
import { sleeper, TOOLBOX } from "./workloads";

/** A pod whose server answers its name on 8080 and whose sidecar reaches it on localhost. */
export const servedPod = (name: string) => ({
  resource: name,
  name,
  labels: { app: "served" },
  terminationGracePeriodSeconds: 1,
  containers: [
    {
      name: "server",
      image: TOOLBOX,
      command: [
        "sh",
        "-c",
        `trap 'exit 0' TERM; mkdir -p /www; echo ${name} > /www/index.html; httpd -f -p 8080 -h /www & wait`,
      ],
      ports: [{ containerPort: 8080, name: "http" }],
    },
    sleeper("sidecar"),
  ],
});

/** Every declared pod runs, serves by pod IP to another pod, and nothing managed is unknown to the state. */
export async function assertConverged(t: TestStack, network: string, podNames: string[]): Promise<void> {
  const ips: Record<string, string> = (await t.stack.outputs()).podIPs.value;
  expect(Object.keys(ips).sort()).toEqual([...podNames].sort());
  expect(new Set(Object.values(ips)).size).toBe(podNames.length);
  const sidecars = await sidecarsOf(t);
  for (const name of podNames) expect(await answerFromAnotherPod(sidecars, ips, name)).toBe(`${name}\n`);
  expect(await objectsUnknownToState(t.stack, [network])).toEqual([]);
}

/** Each pod's sidecar container id, by pod name, as the state records it. */
export async function sidecarsOf(t: TestStack): Promise<Record<string, string>> {
  const resources = (await t.stack.exportStack()).deployment.resources ?? [];
  const pods = resources.filter((r: any) => r.type.endsWith("podling:Pod") && r.outputs?.containerIds);
  return Object.fromEntries(pods.map((r: any) => [r.outputs.name, r.outputs.containerIds.sidecar]));
}

/** What pod `name` answers on its pod IP when another pod's sidecar calls it. */
export function answerFromAnotherPod(
  sidecars: Record<string, string>,
  ips: Record<string, string>,
  name: string,
): Promise<string> {
  const caller = Object.keys(sidecars).find((other) => other !== name)!;
  return exec(sidecars[caller], ["sh", "-c", `timeout 5 wget -qO- http://${ips[name]}:8080/`]);
}
