// The shape of a pure plan for one resource (the kubelet's computePodActions): what a change recreates,
// and what an update does in place, in order. Decided before anything touches Docker.
export interface Actions<Step extends string> {
  /** Anything to do at all. */
  changes: boolean;
  /** Inputs whose change recreates the object; the old one goes first, since its Docker names are fixed. */
  replaces: string[];
  /** What an update changes on the live object, in the order it does it. */
  inPlace: Step[];
  /** Every changed field, for messages. */
  changed: string[];
}

/** A plan as lines, for golden tests and debug logs. */
export function describeActions(actions: Actions<string>): string {
  if (!actions.changes) return "no change\n";
  const plan =
    actions.replaces.length > 0
      ? [`replace (delete first): ${actions.replaces.join(", ")}`]
      : ["update in place:", ...actions.inPlace.map((s) => `  ${s}`)];
  return [...plan, `changed: ${actions.changed.join(", ") || "(where it runs)"}`].join("\n") + "\n";
}
