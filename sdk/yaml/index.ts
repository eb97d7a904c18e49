// podling.yaml: Kubernetes manifests applied as Podling resources.
export { ConfigFile, ConfigFileArgs, ConfigGroup, ConfigGroupArgs, ResourceOfKind } from "./config-group";
