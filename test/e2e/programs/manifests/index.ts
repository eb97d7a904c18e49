// A Kubernetes YAML file applied unchanged with ConfigFile: k8s/web.yaml, or the file named by config.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const net = new podling.PodNetwork("net", { name: config.require("network"), cidr: config.require("cidr") });
const app = new podling.yaml.ConfigFile("app", {
  file: config.get("file") ?? path.join(__dirname, "k8s", "web.yaml"),
  network: net,
});

/** "namespace/pod" -> the id of each of its containers, by container name. */
export const containers = app.resources
  .apply((resources) =>
    pulumi.all(
      resources
        .filter((r): r is podling.Pod => r instanceof podling.Pod)
        .map((p) => pulumi.all([p.namespace, p.podName, p.containerIds])),
    ),
  )
  .apply((pods) => Object.fromEntries(pods.map(([ns, name, ids]) => [`${ns}/${name}`, ids])));
export const urns = app.resources.apply((resources) => pulumi.all(resources.map((r) => r.urn)));
