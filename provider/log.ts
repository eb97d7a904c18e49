// The provider's own log. The engine keeps a plugin's stderr out of the user's console unless asked
// (`pulumi up -v=9 --logtostderr`), so debug lines here cost users nothing; PODLING_LOG=debug turns them on.
// Warnings must reach the user, so they go to the engine, through Pulumi's own log: the dynamic-provider
// process gets the engine's address as its argument but does not connect its log to it (pulumi/pulumi#6065).
const enabled = () => process.env.PODLING_LOG === "debug";

export const log = {
  debug(message: string): void {
    if (enabled()) process.stderr.write(`[podling] ${message}\n`);
  },
  /** Always written, and shown by `up`: what a user should know (a lost node, an agent started again). */
  warn(message: string): void {
    connectLogToEngine();
    // Loaded only here: Pulumi's SDK takes seconds to load, which the podling CLI (never warning) should not pay.
    // Without an engine (tests, tools), Pulumi writes it to stderr.
    void import("@pulumi/pulumi").then((pulumi) => pulumi.log.warn(`podling: ${message}`));
  },
};

/** In the dynamic-provider process, points Pulumi's log at the engine whose address it was started with. */
function connectLogToEngine(): void {
  const [, script, address] = process.argv;
  if (!script?.includes("dynamic-provider") || !address) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getStore } = require("@pulumi/pulumi/runtime/state");
  const options = getStore().settings.options;
  options.engineAddr ??= address;
}
