// The shop of k8s/shop.yaml, unchanged: Podling reads the manifests and makes each object the matching
// Podling resource on one PodNetwork. After `pulumi up`, from a frontend pod `wget -qO- http://backend/`
// answers with the backend's greeting; any other pod is refused by the NetworkPolicy.
//
// Config (all optional): `network` and `cidr` of the PodNetwork; `file`, another manifest file in place of
// k8s/shop.yaml (an edited copy, say); `extraFiles`, a JSON list of more manifest files to apply beside it.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const net = new podling.PodNetwork("net", {
  name: config.get("network") ?? "k8s-shop",
  cidr: config.get("cidr") ?? "10.247.0.0/16",
});

const shop = new podling.yaml.ConfigFile("shop", {
  file: config.get("file") ?? path.join(__dirname, "k8s", "shop.yaml"),
  network: net,
});
const extraFiles = config.getObject<string[]>("extraFiles") ?? [];
if (extraFiles.length > 0) new podling.yaml.ConfigGroup("extra", { files: extraFiles, network: net });

export const frontendIP = shop.getResource("Service", "shop", "frontend").clusterIP;
export const backendIP = shop.getResource("Service", "shop", "backend").clusterIP;
/** Each Deployment's pods: name, address, template hash and readiness. */
export const frontendPods = shop.getResource("Deployment", "shop", "frontend").pods.apply(podsOf);
export const backendPods = shop.getResource("Deployment", "shop", "backend").pods.apply(podsOf);

function podsOf(pods: podling.DeploymentPod[]) {
  return pods.map(({ name, ip, hash, ready }) => ({ name, ip, hash, ready }));
}
