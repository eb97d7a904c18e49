// Readiness as an ordered list of conditions (pulumi-kubernetes' await checkers): each is met, or pending
// with a reason, and the first pending one is what the user is told.

/** One condition's verdict. A hopeless one cannot be met by waiting longer (a container stopped for good). */
export type Verdict = { ok: true } | { ok: false; reason: string; hopeless?: boolean };

export type Pending = Extract<Verdict, { ok: false }>;

/** What a wait reports: the first hopeless condition, since that ends it, else the first pending one. */
export function firstPending(verdicts: Verdict[]): Pending | undefined {
  const pending = verdicts.filter((v): v is Pending => !v.ok);
  return pending.find((v) => v.hopeless) ?? pending[0];
}
