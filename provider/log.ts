// The provider's own log. The engine keeps a plugin's stderr out of the user's console unless asked
// (`pulumi up -v=9 --logtostderr`), so debug lines here cost users nothing; PODLING_LOG=debug turns them on.
const enabled = () => process.env.PODLING_LOG === "debug";

export const log = {
  debug(message: string): void {
    if (enabled()) process.stderr.write(`[podling] ${message}\n`);
  },
  /** Always written: what a user should know even without PODLING_LOG (a lost node, say). */
  warn(message: string): void {
    process.stderr.write(`[podling] warning: ${message}\n`);
  },
};
