// A ConfigMap and a Secret consumed every way Kubernetes offers: env valueFrom (with an optional key
// that is missing), fieldRef, envFrom with a prefix, and configMap and secret volumes (items, modes,
// an optional volume whose ConfigMap is not declared). A second pod names nothing, to show which pods a
// change of the ConfigMap reaches. Config: network, cidr, logLevel, withLateKey, and the secrets password
// and apiKey.
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const image = "podling/busybox:1";
const net = new podling.PodNetwork("net", { name: config.require("network"), cidr: config.require("cidr") });

new podling.ConfigMap("settings", {
  data: { LOG_LEVEL: config.get("logLevel") ?? "debug", "app.conf": "port=8080\nmode=fast\n" },
  binaryData: { "blob.bin": Buffer.from([0, 255, 1, 128]).toString("base64") },
});
new podling.Secret("creds", {
  stringData: { password: config.requireSecret("password") },
  data: { "api-key": config.requireSecret("apiKey").apply((k) => Buffer.from(k).toString("base64")) },
});

const keyRef = (kind: "configMapKeyRef" | "secretKeyRef", name: string, key: string, optional?: boolean) => ({
  valueFrom: { [kind]: { name, key, optional } },
});
const field = (fieldPath: "metadata.name" | "metadata.namespace" | "status.podIP") => ({
  valueFrom: { fieldRef: { fieldPath } },
});

const app = new podling.Pod("app", {
  network: net,
  terminationGracePeriodSeconds: 1,
  volumes: [
    { name: "cfg", configMap: { name: "settings" } },
    { name: "sec", secret: { secretName: "creds", defaultMode: 0o400, items: [{ key: "password", path: "db/pw" }] } },
    { name: "opt", configMap: { name: "not-declared", optional: true } },
  ],
  containers: [
    {
      name: "main",
      image,
      command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"],
      envFrom: [{ prefix: "CFG_", configMapRef: { name: "settings" } }, { secretRef: { name: "creds" } }],
      env: [
        { name: "LOG_LEVEL", ...keyRef("configMapKeyRef", "settings", "LOG_LEVEL") },
        { name: "DB_PASSWORD", ...keyRef("secretKeyRef", "creds", "password") },
        { name: "NOT_THERE", ...keyRef("secretKeyRef", "creds", "no-such-key", true) },
        { name: "POD_NAME", ...field("metadata.name") },
        { name: "POD_NAMESPACE", ...field("metadata.namespace") },
        { name: "POD_IP", ...field("status.podIP") },
      ],
      volumeMounts: [
        { name: "cfg", mountPath: "/etc/cfg" },
        { name: "sec", mountPath: "/etc/sec" },
        { name: "opt", mountPath: "/etc/opt" },
      ],
    },
  ],
});

const bystander = new podling.Pod("bystander", {
  network: net,
  terminationGracePeriodSeconds: 1,
  containers: [{ name: "main", image, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] }],
});

export const appIP = app.podIP;
export const appIds = app.containerIds;
export const bystanderIds = bystander.containerIds;

// On request: a ConfigMap whose data preview cannot know (it waits on an output of another resource
// created in the same up, one its inputs do not give, which preview leaves unknown), and a pod naming a
// key it does not hold. Preview passes; up's check refuses the pod before it is created.
if (config.getBoolean("withLateKey")) {
  const seed = new podling.ConfigMap("seed", { data: { value: "1" } });
  new podling.ConfigMap("late", { data: seed.binaryData.apply(() => ({ KEY: "1" })) });
  new podling.Pod("late", {
    network: net,
    containers: [
      {
        name: "main",
        image,
        command: ["sleep", "86400"],
        env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "late", key: "NOPE" } } }],
      },
    ],
  });
}
