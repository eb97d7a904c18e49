// How Docker's refusals of a container start are told apart: a pod address another endpoint holds (retried
// on the next address) versus a published host port that is taken (reported to the user). The texts are
// Docker's own, from libnetwork 20.10 to 28, as dockerode hands them over.
import { isAddressConflict, isHostPortConflict, messageOf } from "../../provider/docker/errors";

/** An error as dockerode rejects with it: the status code and the daemon's JSON body. */
const refusal = (statusCode: number, message: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) server error - ${message} `), { statusCode, json: { message } });

const ENDPOINT = "driver failed programming external connectivity on endpoint pod-a.default (4b5d4b4beec0)";

const addressForms = {
  "20.10 to 28.0": refusal(403, "Address already in use"),
  "28.1 and later": refusal(403, "failed to set up container networking: Address already in use"),
  "without a JSON body (dockerode's own message)": Object.assign(
    new Error("(HTTP code 403) unexpected - Address already in use "),
    { statusCode: 403 },
  ),
};

const hostPortForms = {
  "another container has the port (20.10 to 28.0)": refusal(
    500,
    `${ENDPOINT}: Bind for 0.0.0.0:18080 failed: port is already allocated`,
  ),
  "another container has the port (28.1 and later)": refusal(
    500,
    `failed to set up container networking: ${ENDPOINT}: Bind for 0.0.0.0:18080 failed: port is already allocated`,
  ),
  "a host process has the port, userland proxy (20.10 to 27)": refusal(
    500,
    `${ENDPOINT}: Error starting userland proxy: listen tcp4 0.0.0.0:18080: bind: address already in use`,
  ),
  "a host process has the UDP port, userland proxy (20.10 to 27)": refusal(
    500,
    `${ENDPOINT}: Error starting userland proxy: listen udp4 0.0.0.0:5353: bind: address already in use`,
  ),
  "a host process has the port (28.0)": refusal(
    500,
    `${ENDPOINT}: failed to bind host port for 0.0.0.0:18080:10.244.0.2:80/tcp: address already in use`,
  ),
  "a host process has the port (28.1 and later)": refusal(
    500,
    `failed to set up container networking: ${ENDPOINT}: failed to bind host port for 0.0.0.0:18080:10.244.0.2:80/tcp: address already in use`,
  ),
};

describe("isAddressConflict", () => {
  it.each(Object.entries(addressForms))("is true for a taken pod address, %s", (_version, err) => {
    expect(isAddressConflict(err)).toBe(true);
  });

  it.each(Object.entries(hostPortForms))("is false for a taken host port: %s", (_form, err) => {
    expect(isAddressConflict(err)).toBe(false);
  });

  it("is false for other refusals, 403s included", () => {
    expect(isAddressConflict(refusal(403, "endpoint with name pod-a.default already exists in network net"))).toBe(
      false,
    );
    expect(isAddressConflict(refusal(500, "Address already in use"))).toBe(false);
    expect(isAddressConflict(refusal(404, "No such container: 4b5d4b4beec0"))).toBe(false);
    expect(isAddressConflict(new Error("connect ECONNREFUSED /var/run/docker.sock"))).toBe(false);
  });
});

describe("isHostPortConflict", () => {
  it.each(Object.entries(hostPortForms))("is true for a taken host port: %s", (_form, err) => {
    expect(isHostPortConflict(err)).toBe(true);
  });

  it.each(Object.entries(addressForms))("is false for a taken pod address, %s", (_version, err) => {
    expect(isHostPortConflict(err)).toBe(false);
  });

  it("is false for other failures of the network setup", () => {
    expect(
      isHostPortConflict(
        refusal(
          500,
          `${ENDPOINT}: iptables failed: iptables --wait -t nat -A DOCKER: iptables: No chain/target/match by that name.`,
        ),
      ),
    ).toBe(false);
    expect(isHostPortConflict(refusal(500, "cannot join network of a non running container: 4b5d4b4beec0"))).toBe(
      false,
    );
  });
});

describe("messageOf", () => {
  it("gives the daemon's own words", () => {
    expect(messageOf(refusal(409, "Conflict. The container name is already in use"))).toBe(
      "Conflict. The container name is already in use",
    );
    expect(messageOf(addressForms["without a JSON body (dockerode's own message)"])).toBe("Address already in use");
  });

  it("gives dockerode's reason when the daemon said nothing, as for a start of a started container (304)", () => {
    const notModified = Object.assign(new Error("(HTTP code 304) container already started -  "), {
      statusCode: 304,
      json: "",
    });
    expect(messageOf(notModified)).toBe("container already started");
  });

  it("says that the daemon gave no reason for a bare 500, as during a daemon restart", () => {
    const bare = Object.assign(new Error("(HTTP code 500) server error -  "), { statusCode: 500, json: "" });
    expect(messageOf(bare)).toBe(
      "the Docker daemon answered HTTP 500 with no reason (it does so while it stops or restarts)",
    );
  });

  it("gives other errors whole", () => {
    expect(messageOf(new Error("connect ECONNREFUSED /var/run/docker.sock"))).toBe(
      "connect ECONNREFUSED /var/run/docker.sock",
    );
    expect(messageOf("plain")).toBe("plain");
  });
});
