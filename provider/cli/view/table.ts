// kubectl's plain table: upper-case headers, left-aligned columns three spaces apart, no borders, and no
// trailing blanks. Laid out by cli-table3. Pure.
import Table from "cli-table3";

const NO_BORDER = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "",
};

export function renderTable(headers: string[], rows: string[][]): string {
  const table = new Table({
    head: headers,
    chars: NO_BORDER,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 3, compact: true },
  });
  table.push(...rows);
  return table
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}
