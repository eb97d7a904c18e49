import { lineDiff } from "../support/line-diff";

describe("lineDiff", () => {
  it("shows changed lines with two lines of context, numbered by the golden file", () => {
    const golden = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"].join("\n");
    const rendered = ["a", "b", "c", "d", "E", "f", "g", "h", "i", "j", "k", "l"].join("\n");
    expect(lineDiff(golden, rendered)).toBe(
      ["@@ line 3 @@", "  c", "  d", "- e", "+ E", "  f", "  g", "@@ line 10 @@", "  j", "  k", "+ l"].join("\n"),
    );
  });
  it("makes a lost final newline and trailing spaces visible", () => {
    expect(lineDiff("x\n", "x")).toBe(["@@ line 1 @@", "  x", '- ""'].join("\n"));
    expect(lineDiff("x", "x ")).toBe(["@@ line 1 @@", "- x", '+ "x "'].join("\n"));
  });
});
