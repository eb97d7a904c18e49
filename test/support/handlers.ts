// Drives provider handlers the way the engine does: check first, then create with the checked inputs.
import type { ResourceHandlers } from "../../provider/handler";

export async function checkedCreate(handlers: ResourceHandlers, news: Record<string, unknown>): Promise<{ id: string; outs: Record<string, any> }> {
  const checked = await handlers.check({}, news);
  if (checked.failures?.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  const result = await handlers.create(checked.inputs as Record<string, unknown>);
  return { id: result.id, outs: result.outs as Record<string, any> };
}
