// The podling CLI against a stack deployed with the real pulumi CLI, run as a user runs it (a child
// process of dist/provider/cli/cli.js). Every command names --network, so other stacks on the engine
// never show up in what is asserted.
import { execFile } from "child_process";
import * as http from "http";
import { promisify } from "util";
import { docker, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { cliWorld } from "../support/cli-world";
import { CLI, runCli, spawnCli, tableOf, RunningCli } from "../support/cli";
import { declare, TestStack, testStack } from "../support/pulumi";
import { describeTime } from "../../provider/cli/view/age";
import { eventually } from "../support/wait";

jest.setTimeout(600_000);

const execFileAsync = promisify(execFile);

describe("the podling CLI on a deployed stack", () => {
  const network = uniqueName("e2e-cli");
  let t: TestStack;
  let podIPs: Record<string, string>;
  /** The Deployment "front"'s pods, as its state has them. */
  let front: Array<{ name: string; hash: string }>;
  let nodeName: string;
  let cidr: string;
  /** When this test's `up` began (ms since the epoch). */
  let upStarted: number;
  const running: RunningCli[] = [];
  const cli = (...args: string[]) => runCli(["--network", network, ...args]);
  const background = (...args: string[]) => {
    const started = spawnCli(["--network", network, ...args]);
    running.push(started);
    return started;
  };

  beforeAll(async () => {
    await requireDocker();
    nodeName = (await docker.info()).Name;
    t = await testStack("from-config", {});
    cidr = await freeCidr();
    await declare(t, cliWorld(network, cidr));
    upStarted = Date.now();
    const up = await t.stack.up();
    podIPs = up.outputs.podIPs.value;
    front = up.outputs.deploymentPods.value.front;
  });
  afterAll(async () => {
    for (const r of running) r.child.kill("SIGKILL");
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("get pods -o wide: kubectl's columns, one row per pod of the namespace", async () => {
    const { code, stdout } = await cli("get", "pods", "-o", "wide");
    expect(code).toBe(0);
    const [header, ...rows] = tableOf(stdout);
    expect(header).toEqual([
      "NAME",
      "READY",
      "STATUS",
      "RESTARTS",
      "AGE",
      "IP",
      "NODE",
      "NOMINATED NODE",
      "READINESS GATES",
    ]);
    // The Deployment's two pods sort before web.
    expect(rows.map((r) => r[0])).toEqual([...front.map((p) => p.name).sort(), "web"]);
    const [name, ready, status, restarts, age, ip, node, nominated, gates] = rows[2];
    expect([name, ready, status, restarts, ip, node, nominated, gates]).toEqual([
      "web",
      "2/2",
      "Running",
      "0",
      podIPs.web,
      nodeName,
      "<none>",
      "<none>",
    ]);
    expect(age).toMatch(/^\d+(s|m\d*s?|h\d*m?)$/);
  });

  it("get pods -A adds NAMESPACE and lists every namespace; -o json is a v1 List of Pods", async () => {
    const all = tableOf((await cli("get", "pods", "-A")).stdout);
    expect(all[0]).toEqual(["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
    expect(all.slice(1).map((r) => `${r[0]}/${r[1]} ${r[2]} ${r[3]}`)).toEqual([
      ...front.map((p) => `default/${p.name} 1/1 Running`).sort(),
      "default/web 2/2 Running",
      "shop/api 1/1 Running",
    ]);
    const { code, stdout } = await cli("get", "pods", "-A", "-o", "json");
    expect(code).toBe(0);
    const list = JSON.parse(stdout);
    expect(list.kind).toBe("List");
    const pods = list.items.filter((p: any) => !p.metadata.name.startsWith("front-"));
    expect(pods.map((p: any) => [p.kind, p.metadata.namespace, p.metadata.name, p.status.podIP])).toEqual([
      ["Pod", "default", "web", podIPs.web],
      ["Pod", "shop", "api", podIPs.api],
    ]);
    // Labels come from the pod's node agent entry.
    expect(pods.map((p: any) => p.metadata.labels)).toEqual([{ app: "web" }, { app: "api" }]);
    expect(pods[0].status.containerStatuses.map((c: any) => [c.name, c.ready])).toEqual([
      ["server", true],
      ["sidecar", true],
    ]);
    // Ready since podling-init saw the last container ready: after the pod was made, and before now.
    const [ready] = pods[0].status.conditions;
    expect(ready).toEqual({ type: "Ready", status: "True", lastTransitionTime: expect.any(String) });
    const since = Date.parse(ready.lastTransitionTime);
    expect(since).toBeGreaterThanOrEqual(Date.parse(pods[0].metadata.creationTimestamp));
    expect(since).toBeLessThanOrEqual(Date.now());
  });

  it("get svc -A -o wide: TYPE, CLUSTER-IP, PORT(S) and the live endpoints; a headless service has None", async () => {
    const { code, stdout } = await cli("get", "svc", "-A", "-o", "wide");
    expect(code).toBe(0);
    const [header, web, api] = tableOf(stdout);
    expect(header).toEqual(["NAMESPACE", "NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "ENDPOINTS"]);
    const router = await docker.getContainer(`svc.${network}_default_web`).inspect();
    expect(web).toEqual([
      "default",
      "web",
      "ClusterIP",
      router.NetworkSettings.Networks[network].IPAddress,
      "<none>",
      "80/TCP",
      web[6],
      `${podIPs.web}:8080`,
    ]);
    expect(api).toEqual(["shop", "api", "ClusterIP", "None", "<none>", "<unknown>", "<unknown>", podIPs.api]);
    const yaml = await cli("get", "svc", "web", "-o", "yaml");
    expect(yaml.stdout).toContain("kind: Service");
  });

  it("get netpol -A: NAMESPACE, NAME, POD-SELECTOR, AGE from the node agent's NetPol entry", async () => {
    const { code, stdout, stderr } = await cli("get", "netpol", "-A");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const [header, ...rows] = tableOf(stdout);
    expect(header).toEqual(["NAMESPACE", "NAME", "POD-SELECTOR", "AGE"]);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([["shop", "api-from-web", "app=api"]]);
    expect(rows[0][3]).toMatch(/^\d+(s|m\d*s?|h\d*m?)$/);
    // kubectl adds no wide columns for policies; the namespace of the policy alone, without -A.
    const wide = tableOf((await cli("get", "networkpolicies", "-n", "shop", "-o", "wide")).stdout);
    expect(wide.map((r) => r.slice(0, 2))).toEqual([
      ["NAME", "POD-SELECTOR"],
      ["api-from-web", "app=api"],
    ]);
    expect(wide.map((r) => r.length)).toEqual([3, 3]);
    expect(await cli("get", "networkpolicies")).toEqual({
      code: 0,
      stdout: "",
      stderr: "No resources found in default namespace.\n",
    });
  });

  it("get netpol -o json: a networking.k8s.io/v1 NetworkPolicy with the policy's spec", async () => {
    const { code, stdout } = await cli("get", "netpol", "api-from-web", "-n", "shop", "-o", "json");
    expect(code).toBe(0);
    const list = JSON.parse(stdout);
    expect(list).toMatchObject({ apiVersion: "v1", kind: "List" });
    expect(list.items).toHaveLength(1);
    const [policy] = list.items;
    expect(policy).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: {
        name: "api-from-web",
        namespace: "shop",
        creationTimestamp: expect.any(String),
        annotations: { "podling.io/network": network, "podling.io/revision": expect.stringMatching(/^[0-9a-f]{16}$/) },
      },
      spec: {
        podSelector: { matchLabels: { app: "api" } },
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: "web" } }, namespaceSelector: {} }],
            ports: [{ port: 9090, protocol: "TCP" }],
          },
        ],
      },
    });
    // The policy was created by this test's `up`: after it began, and before now.
    const created = Date.parse(policy.metadata.creationTimestamp);
    expect(created).toBeGreaterThanOrEqual(upStarted);
    expect(created).toBeLessThanOrEqual(Date.now());
    const yaml = await cli("get", "netpol", "-A", "-o", "yaml");
    expect(yaml.stdout).toContain("kind: NetworkPolicy");
  });

  it("get namespaces and nodes", async () => {
    expect(tableOf((await cli("get", "ns")).stdout).map((r) => r.slice(0, 2))).toEqual([
      ["NAME", "STATUS"],
      ["default", "Active"],
      ["shop", "Active"],
    ]);
    const nodes = tableOf((await cli("get", "nodes")).stdout);
    expect(nodes[0]).toEqual(["NAME", "STATUS", "ROLES", "AGE", "VERSION"]);
    expect(nodes.slice(1).map((r) => r.slice(0, 2))).toEqual([[nodeName, "Ready"]]);
  });

  it("errors name the object and say what to type next", async () => {
    const missing = await cli("get", "pods", "api");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'error: pod "api" not found in namespace "default"; did you mean shop/api? (podling get pods -A)\n',
    );
    const logs = await cli("logs", "nope");
    expect(logs.code).toBe(1);
    expect(logs.stderr).toContain('pod "nope" not found in namespace "default" (podling get pods -A');
    const container = await cli("exec", "web", "-c", "nope", "--", "true");
    expect(container.stderr).toContain('container "nope" is not in pod default/web; its containers: server, sidecar');
    const policy = await cli("get", "networkpolicy", "api-from-web");
    expect(policy.code).toBe(1);
    expect(policy.stderr).toBe(
      'error: networkpolicy "api-from-web" not found in namespace "default"; did you mean shop/api-from-web? ' +
        "(podling get networkpolicies -A)\n",
    );
    const noPolicy = await cli("get", "netpol", "nope", "-n", "shop");
    expect(noPolicy.code).toBe(1);
    expect(noPolicy.stderr).toBe(
      'error: networkpolicy "nope" not found in namespace "shop" (podling get networkpolicies -A lists every namespace)\n',
    );
    const deployment = await cli("get", "deploy", "front", "-n", "shop");
    expect(deployment.code).toBe(1);
    expect(deployment.stderr).toBe(
      'error: deployment "front" not found in namespace "shop"; did you mean default/front? (podling get deployments -A)\n',
    );
    const badSelector = await cli("get", "pods", "-l", "env in prod");
    expect(badSelector.code).toBe(1);
    expect(badSelector.stderr).toBe(
      'error: bad selector "env in prod": "env in" needs a list in parentheses, like "env in (a,b)"; ' +
        "write requirements joined by commas, like -l 'app=web,tier!=db,env in (prod,staging),!canary'\n",
    );
    const nodeSelector = await cli("get", "nodes", "-l", "app=web");
    expect(nodeSelector.code).toBe(1);
    expect(nodeSelector.stderr).toBe(
      "error: -l selects pods, services, deployments, networkpolicies; nodes have no labels (podling get nodes)\n",
    );
  });

  it("get deployments -o wide: kubectl's columns, counted from the Deployment's pods", async () => {
    const { code, stdout } = await cli("get", "deployments", "-o", "wide");
    expect(code).toBe(0);
    const [header, ...rows] = tableOf(stdout);
    expect(header).toEqual(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]);
    expect(rows).toHaveLength(1);
    const [name, ready, updated, available, age, containers, images, selector] = rows[0];
    expect([name, ready, updated, available, containers, images, selector]).toEqual([
      "front",
      "2/2",
      "2",
      "2",
      "server",
      "podling/busybox:1",
      "app=front",
    ]);
    expect(age).toMatch(/^\d+(s|m\d*s?|h\d*m?)$/);
    // The short name and -A: NAMESPACE first, no wide columns.
    const short = tableOf((await cli("get", "deploy", "-A")).stdout);
    expect(short.map((r) => r.slice(0, 5))).toEqual([
      ["NAMESPACE", "NAME", "READY", "UP-TO-DATE", "AVAILABLE"],
      ["default", "front", "2/2", "2", "2"],
    ]);
    expect(short.map((r) => r.length)).toEqual([6, 6]);
  });

  it("get deployment -o json: an apps/v1 Deployment with its selector, template and replica counts", async () => {
    const { code, stdout } = await cli("get", "deployment", "front", "-o", "json");
    expect(code).toBe(0);
    const [d] = JSON.parse(stdout).items;
    expect(d).toMatchObject({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "front", namespace: "default", annotations: { "podling.io/pod-template-hash": front[0].hash } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "front" } },
        template: {
          metadata: { labels: { app: "front", tier: "edge" } },
          spec: { containers: [{ name: "server", image: "podling/busybox:1" }] },
        },
      },
      status: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    });
  });

  it("-l selects pods and deployments by their labels with kubectl's syntax; services have none", async () => {
    const names = async (...args: string[]) => {
      const { code, stdout } = await cli("get", ...args, "-o", "json");
      expect(code).toBe(0);
      return JSON.parse(stdout).items.map((o: any) => `${o.metadata.namespace}/${o.metadata.name}`);
    };
    const frontPods = front.map((p) => `default/${p.name}`).sort();
    expect(await names("pods", "-A", "-l", "app=front")).toEqual(frontPods);
    expect(await names("pods", "-A", "-l", `pod-template-hash=${front[0].hash},tier`)).toEqual(frontPods);
    expect(await names("pods", "-A", "-l", "app in (web, api)")).toEqual(["default/web", "shop/api"]);
    expect(await names("pods", "-A", "-l", "app notin (front),app!=api")).toEqual(["default/web"]);
    expect(await names("pods", "-A", "-l", "!tier")).toEqual(["default/web", "shop/api"]);
    expect(await names("deploy", "-A", "-l", "tier=edge")).toEqual(["default/front"]);
    expect(await names("deploy", "-A", "-l", "tier=core")).toEqual([]);
    expect(await names("svc", "-A", "-l", "app=web")).toEqual([]);
    expect(await names("svc", "-A", "-l", "!app")).toEqual(["default/web", "shop/api"]);
    expect(await names("netpol", "-A", "-l", "app=api")).toEqual([]);
    expect(await names("netpol", "-A", "-l", "!app")).toEqual(["shop/api-from-web"]);
    const none = await cli("get", "pods", "-l", "app=nothing");
    expect(none).toEqual({ code: 0, stdout: "", stderr: "No resources found in default namespace.\n" });
  });

  it("exec passes output and the command's exit code through", async () => {
    const ok = await cli("exec", "web", "-c", "sidecar", "--", "sh", "-c", "echo out; echo err >&2");
    expect(ok).toEqual({ code: 0, stdout: "out\n", stderr: "err\n" });
    expect((await cli("exec", "web", "-c", "sidecar", "--", "sh", "-c", "exit 7")).code).toBe(7);
    // The pods share a namespace: the sidecar reaches the server on localhost.
    const local = await cli("exec", "web", "-c", "sidecar", "--", "wget", "-qO-", "http://127.0.0.1:8080/");
    expect(local.stdout).toBe("hello from web\n");
  });

  it("describe pod: firewall, readiness with the failing probe's message, then back to ready", async () => {
    const before = (await cli("describe", "pod", "api", "-n", "shop")).stdout;
    expect(before).toMatch(/^Name: +api$/m);
    expect(before).toMatch(/^Labels: +app=api$/m);
    expect(before).toMatch(/^IP: +10\./m);
    expect(before).toMatch(/^ {2}Isolated: +ingress$/m);
    expect(before).toMatch(/^ {2}Allowed By: +shop\/api-from-web$/m);
    expect((await cli("exec", "api", "-n", "shop", "--", "rm", "/tmp/ready")).code).toBe(0);
    await eventually("api is 0/1", 60, async () => (await cli("get", "pods", "-n", "shop")).stdout.includes("0/1"));
    const notReady = (await cli("describe", "pod", "api", "-n", "shop")).stdout;
    expect(notReady).toMatch(/^ {4}Ready: +False$/m);
    expect(notReady).toMatch(/test -f \/tmp\/ready.*exited with code 1/);
    expect((await cli("exec", "api", "-n", "shop", "--", "touch", "/tmp/ready")).code).toBe(0);
    await eventually("api is 1/1 again", 60, async () =>
      (await cli("get", "pods", "-n", "shop")).stdout.includes("1/1"),
    );
  });

  it("a container killed and restarted by the node agent: RESTARTS, describe's last state, logs --previous", async () => {
    const server = docker.getContainer(`${network}_shop_api_server`);
    await server.kill();
    await eventually("the restart is counted", 120, async () =>
      /api +1\/1 +Running +1 \(/.test((await cli("get", "pods", "-n", "shop")).stdout),
    );
    const described = (await cli("describe", "pod", "api", "-n", "shop")).stdout;
    expect(described).toMatch(/^ {4}Restart Count: +1$/m);
    const finished = (await server.inspect()).State.FinishedAt;
    expect(described).toContain(`    Last State:     Terminated\n`);
    expect(described).toContain(`      Finished:     ${describeTime(finished)}\n`);
    // Docker keeps one log across restarts: --previous is what came before the current start.
    const previous = await cli("logs", "api", "-n", "shop", "--previous");
    expect(previous.code).toBe(0);
    expect(previous.stdout.match(/^api starting$/gm)).toHaveLength(1);
    expect((await cli("logs", "api", "-n", "shop")).stdout.match(/^api starting$/gm)).toHaveLength(2);
    const none = await cli("logs", "web", "--previous");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('previous terminated container "server" in pod "web" not found');
  });

  it("exec gives the command a TTY when podling runs on a terminal, and none otherwise", async () => {
    expect(await cli("exec", "web", "--", "tty")).toMatchObject({ code: 1, stdout: "not a tty\n" });
    // `script` runs the command on a pseudo-terminal, as a user's shell would.
    const command = [process.execPath, CLI, "--network", network, "exec", "web", "-c", "server", "--", "tty"].join(" ");
    const { stdout } = await execFileAsync("script", ["-qec", command, "/dev/null"]);
    expect(stdout).toMatch(/^\/dev\/pts\/\d+\r/);
  });

  it("logs prints the tail; -f follows until SIGINT, then exits 0", async () => {
    const tail = await cli("logs", "api", "-n", "shop", "--tail", "2");
    expect(tail.stdout.trimEnd().split("\n")).toHaveLength(2);
    expect(tail.stdout).toMatch(/^tick \d+$/m);
    const follow = background("logs", "api", "-n", "shop", "-f", "--tail", "1");
    await eventually(
      "a second tick arrives while following",
      60,
      async () => (follow.output().match(/^tick \d+$/gm) ?? []).length >= 2,
    );
    follow.child.kill("SIGINT");
    expect(await follow.exited).toEqual({ code: 0, signal: null });
  });

  it("port-forward carries an HTTP request to a pod and to a service's pod, and stops on SIGINT", async () => {
    for (const [target, port] of [
      ["web", "8080"],
      ["svc/web", "80"],
    ]) {
      const forward = background("port-forward", target, `:${port}`);
      await eventually("it listens", 60, async () => /Forwarding from 127\.0\.0\.1:\d+/.test(forward.output()));
      const local = Number(/127\.0\.0\.1:(\d+)/.exec(forward.output())![1]);
      expect(await httpGet(`http://127.0.0.1:${local}/`)).toBe("hello from web\n");
      forward.child.kill("SIGINT");
      expect(await forward.exited).toEqual({ code: 0, signal: null });
    }
  });

  // Last: it scales front down. A scale-down makes no pod, so only the node agent's record of the
  // Deployment can say what is desired now.
  it("get deployments follows a scale-down at once, and lists a Deployment scaled to 0", async () => {
    for (const [replicas, ready] of [
      [1, "1/1"],
      [0, "0/0"],
    ] as const) {
      await declare(t, cliWorld(network, cidr, replicas));
      await t.stack.up();
      const [, ...rows] = tableOf((await cli("get", "deploy")).stdout);
      expect(rows.map((r) => r.slice(0, 4))).toEqual([["front", ready, String(replicas), String(replicas)]]);
    }
  });
});

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}
