// The shop of k8s/shop.yaml, unchanged: Podling reads the manifests and makes each object the matching
// Podling resource on one PodNetwork. After `pulumi up`, from a frontend pod `wget -qO- http://backend/`
// answers with the backend's greeting; any other pod is refused by the NetworkPolicy.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const net = new podling.PodNetwork("net", {
  name: config.get("network") ?? "k8s-shop",
  cidr: config.get("cidr") ?? "10.247.0.0/16",
});

const shop = new podling.yaml.ConfigFile("shop", { file: path.join(__dirname, "k8s", "shop.yaml"), network: net });

export const frontendIP = shop.getResource("Service", "shop", "frontend").clusterIP;
export const backendIP = shop.getResource("Service", "shop", "backend").clusterIP;
