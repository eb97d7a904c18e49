// Kubernetes naming rules, as predicates returning the reason a value is bad (undefined when it is fine).
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function dns1123Label(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return "must be a non-empty string";
  if (value.length > 63) return `"${value.slice(0, 20)}..." is ${value.length} characters; at most 63 are allowed`;
  if (!DNS1123_LABEL.test(value))
    return `"${value}" must consist of lower-case letters, digits and '-', and start and end with a letter or digit`;
  return undefined;
}

/** A label or annotation key: an optional DNS-subdomain prefix and "/", then a name of at most 63 characters. */
export function labelKey(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return `key "${key}": the prefix before "/" must be a DNS subdomain such as example.com`;
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return `key "${key}": the name must be 1-63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

export function labelValue(key: string, value: unknown): string | undefined {
  if (typeof value !== "string") return `value of "${key}" must be a string`;
  if (value === "") return undefined;
  if (value.length > 63 || !QUALIFIED_NAME.test(value)) {
    return `value of "${key}" must be empty or 1-63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** A DNS-1123 subdomain, as Kubernetes' ConfigMap and Secret names are. */
export function dns1123Subdomain(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return "must be a non-empty string";
  if (value.length > 253) return `"${value.slice(0, 20)}..." is ${value.length} characters; at most 253 are allowed`;
  if (!DNS1123_SUBDOMAIN.test(value))
    return `"${value}" must consist of lower-case letters, digits, '-' and '.', and start and end with a letter or digit`;
  return undefined;
}

/** Kubernetes' IsConfigMapKey, for ConfigMap and Secret keys: they become file names. */
export function configKey(key: string): string | undefined {
  if (key.length === 0 || key.length > 253) return `key "${key.slice(0, 20)}" must be 1-253 characters`;
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) return `key "${key}" must consist of letters, digits, '-', '_' or '.'`;
  if (key === "." || key === ".." || key.startsWith(".."))
    return `key "${key}" must not be '.' or '..', nor start with '..'`;
  return undefined;
}
