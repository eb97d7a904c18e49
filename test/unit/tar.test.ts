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

  it("writes bytes as they are, and each file's mode", () => {
    const bytes = Buffer.from([0, 255, 1, 128]);
    const archive = tarOf([{ name: "db/blob.bin", content: bytes, mode: 0o400 }]);
    expect(execFileSync("tar", ["-tvf", "-"], { input: archive }).toString()).toMatch(
      /^-r-------- .* 4 .* db\/blob\.bin/,
    );
    expect(execFileSync("tar", ["-xOf", "-"], { input: archive })).toEqual(bytes);
  });
});
