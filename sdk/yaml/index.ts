// podling.yaml: Kubernetes manifests applied as Podling resources.
export { ConfigFile, ConfigFileArgs, ConfigGroup, ConfigGroupArgs } from "./config-group";
