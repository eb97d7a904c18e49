// The acknowledgements' names are computed by the provider and by the agent alike: both hold them to the
// vectors in tools/agent/schema/acks.json (tools/agent/acks_test.go is the Go side).
import * as fs from "fs";
import * as path from "path";
import { ackName } from "../../provider/agent/acks";

const doc = JSON.parse(fs.readFileSync(path.join(__dirname, "../../tools/agent/schema/acks.json"), "utf8")) as {
  vectors: Array<{ name: string; fields: string[]; ack: string }>;
};

describe("node agent acknowledgements", () => {
  it("has shared vectors", () => expect(doc.vectors.length).toBeGreaterThan(0));

  it.each(doc.vectors)("names $fields of $name as the agent does", ({ name, fields, ack }) => {
    expect(ackName(name, ...fields)).toBe(ack);
  });
});
