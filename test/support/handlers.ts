// Drives provider handlers the way the engine does: check first, then create with the checked inputs.
import type { ResourceHandlers } from "../../provider/handler";
import { Owner, ownerOf } from "../../core/owner";

/** The owner the SDK would compute for a resource of this name in a test stack. */
export function testOwner(resourceName: string, stack = "integration"): Owner {
  return ownerOf("organization", {
    project: "podling-integration",
    stack,
    type: "pulumi-nodejs:dynamic/podling:Test",
    name: resourceName,
  });
}

/** Inputs with the owner the SDK adds (one per resource name), unless they carry one. */
export function owned(news: Record<string, unknown>): Record<string, unknown> {
  return { owner: testOwner(String(news.name ?? "unnamed")), ...news };
}

export async function checkedCreate(
  handlers: ResourceHandlers,
  news: Record<string, unknown>,
): Promise<{ id: string; outs: Record<string, any> }> {
  const checked = await handlers.check({}, owned(news));
  if (checked.failures?.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  const result = await handlers.create(checked.inputs as Record<string, unknown>);
  return { id: result.id, outs: result.outs as Record<string, any> };
}
