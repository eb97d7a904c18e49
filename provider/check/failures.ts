// Check failures name the field by its path ("containers[1].ports[0].containerPort") and say why.
export interface CheckFailure {
  property: string;
  reason: string;
}

// During preview, values that come from resources not yet created arrive as this sentinel.
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const isUnknown = (value: unknown): boolean => value === UNKNOWN;

/** The path of a map entry, `labels["app"]`: the key quoted as JSON, so that any key gives a path that parses. */
export const entryPath = (property: string, key: string): string => `${property}[${JSON.stringify(key)}]`;

export class Failures {
  readonly list: CheckFailure[] = [];
  add(property: string, reason: string): void {
    this.list.push({ property, reason });
  }
}
