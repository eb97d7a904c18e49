// A unified-style line diff for golden mismatches: changed lines with two lines of context, numbered by
// their line in the golden file. Golden files are short, so a plain LCS table is enough.
const CONTEXT = 2;

type Op = { kind: " " | "-" | "+"; line: string; at: number };

export function lineDiff(expected: string, actual: string): string {
  const ops = diffOps(expected.split("\n"), actual.split("\n"));
  const near = (i: number) => ops.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((o) => o.kind !== " ");
  const out: string[] = [];
  let skipped = true;
  ops.forEach((op, i) => {
    if (!near(i)) {
      skipped = true;
      return;
    }
    if (skipped) out.push(`@@ line ${op.at} @@`);
    skipped = false;
    // Trailing spaces and empty lines would be invisible otherwise.
    const shown = op.kind !== " " && (op.line === "" || /\s$/.test(op.line)) ? JSON.stringify(op.line) : op.line;
    out.push(`${op.kind} ${shown}`);
  });
  return out.join("\n");
}

function diffOps(a: string[], b: string[]): Op[] {
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const at = i + 1;
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i], at });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: "-", line: a[i++], at });
    } else {
      ops.push({ kind: "+", line: b[j++], at });
    }
  }
  return ops;
}
