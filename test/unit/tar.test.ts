// The archive API's tar files: what tarOf writes, filesOfTar reads back, and GNU tar reads too.
import { execFileSync } from "child_process";
import { filesOfTar, tarOf } from "../../provider/docker/tar";

describe("tar", () => {
  const files = [
    { name: "desired/pod.net_default_web.json", content: JSON.stringify({ version: 1, kind: "pod" }) },
    { name: "empty.json", content: "" },
    { name: "multi-block.txt", content: "é".repeat(700) }, // 1,400 bytes: three blocks, UTF-8
  ];

  it("round-trips names and contents", () => {
    expect(filesOfTar(tarOf(files))).toEqual(files);
  });

  it("writes archives that tar itself lists with the right sizes", () => {
    const listing = execFileSync("tar", ["-tvf", "-"], { input: tarOf(files) }).toString();
    expect(listing).toMatch(/ 26 .* desired\/pod\.net_default_web\.json/);
    expect(listing).toMatch(/ 1400 .* multi-block\.txt/);
  });
});
