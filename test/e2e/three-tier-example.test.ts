// examples/three-tier, deployed as a user would: web -> api -> db through services, and db accepts only api.
import { exec, freeCidr, managedObjects, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";

jest.setTimeout(300_000);

describe("examples/three-tier", () => {
  const network = uniqueName("e2e-3t");
  let t: TestStack;

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("examples/three-tier", { network, cidr: await freeCidr(24) });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("lets web reach api and api reach db, and nothing else reach db", async () => {
    const { outputs } = await t.stack.up();
    const web = outputs.webContainer.value;
    const api = outputs.apiContainer.value;
    const call = (from: string, url: string) => exec(from, ["sh", "-c", `timeout 5 wget -qO- ${url} 2>&1; true`]);
    expect(await call(web, "http://api:8080/")).toBe("api\n");
    expect(await call(api, "http://db:5432/")).toBe("db\n");
    expect(await call(web, "http://db:5432/")).toMatch(/Connection refused/);
    expect(await call(api, "http://web:8080/")).toMatch(/Connection refused/);
    await t.stack.destroy();
    expect(await managedObjects(network)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
