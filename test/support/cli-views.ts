// What the CLI reads off an engine, as the pure CLI tests build it: a running, ready container and a
// running pod of two of them, each with only what a test changes given.
import type { ContainerView, PodView } from "../../provider/cli/read/model";

export const containerView = (over: Partial<ContainerView> = {}): ContainerView => ({
  name: "app",
  id: "c1",
  image: "img",
  dockerState: "running",
  startedAt: "2026-12-03T11:00:00Z",
  oomKilled: false,
  restartCount: 0,
  restartPolicy: "Always",
  ready: true,
  mounts: [],
  ...over,
});

export const podView = (over: Partial<PodView> = {}): PodView => ({
  namespace: "default",
  name: "web",
  network: "net",
  node: "vm",
  ip: "10.244.0.5",
  created: "2026-12-03T11:00:00Z",
  sandboxId: "s1",
  sandboxState: "running",
  initContainers: [],
  containers: [containerView({ name: "server" }), containerView({ name: "sidecar" })],
  ...over,
});
