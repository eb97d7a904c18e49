// Services as the engine holds them: a ClusterIP or NodePort service is its router container (the
// ClusterIP on the pod network, nodePorts published) plus the agent's entry for it (ports, endpoints)
// and the rules loaded now (which endpoints get traffic, as `refresh` reads them). A headless service is
// its records in the cluster DNS. Selectors live only in the Pulumi state.
import type { RecordsEntry } from "../../agent/contract";
import { entryKey } from "../../agent/desired-state";
import { inspectContainer, listContainers, readFiles } from "../../docker/containers";
import type { ContainerInfo } from "../../docker/containers";
import { LABEL } from "../../labels";
import { liveEndpoints, routerName } from "../../service/router";
import { AgentState, readAgentState, recordsEntries } from "./agent-state";
import type { EndpointAddress, ServicePortView, ServiceView } from "./model";

/** Every service on the current engine, optionally of one network, sorted by namespace and name. */
export async function readServices(network?: string): Promise<ServiceView[]> {
  const filters = [
    `${LABEL.managed}=true`,
    `${LABEL.role}=service`,
    ...(network ? [`${LABEL.network}=${network}`] : []),
  ];
  const routers = (await Promise.all((await listContainers(filters)).map((r) => inspectContainer(r.Id)))).filter(
    (r): r is ContainerInfo => r !== undefined,
  );
  const networks = network ? [network] : await networksWithAgents(routers);
  const states = new Map(await Promise.all(networks.map(async (n) => [n, await readAgentState(n)] as const)));
  const services = await Promise.all([
    ...routers.map((r) => routedService(r, states.get(r.Config.Labels[LABEL.network]))),
    ...[...states].flatMap(([net, state]) => recordsEntries(state).map((e) => headlessService(net, e))),
  ]);
  return services.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

/** The networks whose agent may hold headless services: the routers' and every network that has an agent. */
async function networksWithAgents(routers: ContainerInfo[]): Promise<string[]> {
  const agents = await listContainers([`${LABEL.managed}=true`, `${LABEL.role}=agent`]);
  return [
    ...new Set([
      ...routers.map((r) => r.Config.Labels[LABEL.network]),
      ...agents.map((a) => a.Labels[LABEL.network]).filter((n): n is string => !!n),
    ]),
  ];
}

async function routedService(router: ContainerInfo, agent: AgentState | undefined): Promise<ServiceView> {
  const labels = router.Config.Labels;
  const id = { network: labels[LABEL.network], namespace: labels[LABEL.namespace], name: labels[LABEL.service] };
  const entry = agent?.desired.get(entryKey("system", routerName(id)));
  const service = entry && "kind" in entry && entry.kind === "system" ? entry.service : undefined;
  // A LoadBalancer's own address publishes the service's ports as they are; any other binding is a nodePort.
  const loadBalancerIP = labels[LABEL.loadBalancerIP];
  const nodePorts = new Map(
    Object.entries(router.HostConfig.PortBindings ?? {}).flatMap(([key, bindings]) => {
      const nodePort = (bindings as Array<{ HostIp: string; HostPort: string }>).find(
        (b) => b.HostIp !== loadBalancerIP,
      )?.HostPort;
      return nodePort ? [[key, Number(nodePort)] as const] : [];
    }),
  );
  const ports: ServicePortView[] | undefined = service?.ports.map((p) => {
    const nodePort = nodePorts.get(`${p.port}/${p.protocol.toLowerCase()}`);
    return { ...p, ...(nodePort ? { nodePort } : {}) };
  });
  const live = service ? await liveEndpoints(service, router.Id) : undefined;
  const endpoints = live ?? service?.endpoints ?? [];
  const addresses = (ready: boolean): EndpointAddress[] =>
    endpoints
      .filter((e) => e.ready === ready)
      .flatMap((e) =>
        (ports ?? []).map((p) => {
          const target = typeof p.targetPort === "number" ? p.targetPort : e.namedPorts?.[p.targetPort];
          return { ip: e.ip, port: target ?? p.targetPort, servicePort: p.port };
        }),
      );
  return {
    ...id,
    type: loadBalancerIP ? "LoadBalancer" : nodePorts.size > 0 ? "NodePort" : "ClusterIP",
    clusterIP: service?.clusterIP ?? router.NetworkSettings.Networks[id.network]?.IPAddress,
    ...(loadBalancerIP ? { externalIP: loadBalancerIP } : {}),
    ...(ports ? { ports } : {}),
    readyEndpoints: addresses(true),
    notReadyEndpoints: addresses(false),
    created: router.Created,
  };
}

/** A headless service: its DNS records as the agent keeps them now, to the endpoints ready now. */
async function headlessService(network: string, entry: RecordsEntry): Promise<ServiceView> {
  const hosts = (await readFiles(entry.container, entry.path).catch(() => undefined))?.[0]?.content;
  const live = hosts
    ?.split("\n")
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((ip) => ip);
  const ready = live ?? entry.endpoints.filter((e) => e.ready).map((e) => e.ip);
  return {
    namespace: entry.namespace,
    name: entry.name,
    network,
    type: "Headless",
    readyEndpoints: ready.map((ip) => ({ ip })),
    notReadyEndpoints: entry.endpoints.filter((e) => !ready.includes(e.ip)).map((e) => ({ ip: e.ip })),
  };
}
