import type { ContainerStatus } from "../../core/types";
import { waitFor, WaitTimeoutError } from "../../provider/ready/wait";
import { containerConditions, notReadyReason } from "../../provider/pod/readiness";
import { fakeClock } from "../support/fake-clock";

const running = (name: string, message?: string): ContainerStatus => ({
  name,
  ready: !message,
  restartCount: 0,
  state: "running",
  ...(message ? { message } : {}),
});
const stopped: ContainerStatus = {
  name: "job",
  ready: false,
  restartCount: 2,
  state: "terminated",
  message: "exited with code 1",
};

describe("a pod's readiness conditions", () => {
  it("are one per app container, in declared order, naming what is pending", () => {
    expect(
      containerConditions(
        [running("web"), running("side", "readiness probe failed: connection refused"), stopped],
        "Always",
      ),
    ).toEqual([
      { ok: true },
      { ok: false, reason: "container side: readiness probe failed: connection refused", hopeless: false },
      { ok: false, reason: "container job (2 restarts): exited with code 1", hopeless: false },
    ]);
  });

  it.each(["Never", "OnFailure"] as const)("give up on a stopped container under restartPolicy %s", (policy) => {
    expect(containerConditions([stopped], policy)).toEqual([
      { ok: false, reason: "container job (2 restarts): exited with code 1", hopeless: true },
    ]);
  });

  it("keep waiting for a stopped container under restartPolicy Always, which Docker restarts", () => {
    expect(containerConditions([stopped], "Always")[0]).toMatchObject({ hopeless: false });
  });

  it("list every pending container in the pod's not-ready line, the first pending one first", () => {
    expect(notReadyReason([running("web"), running("side", "not ready"), stopped])).toBe(
      "container side: not ready; container job (2 restarts): exited with code 1",
    );
  });
});

describe("waiting for a pod", () => {
  const wait = async (statuses: ContainerStatus[], policy: "Always" | "Never") => {
    const clock = fakeClock();
    const error = await waitFor(
      async () => statuses,
      (s) => containerConditions(s, policy),
      { what: "pod default/p", deadline: clock.now() + 60_000, pollMs: 250, clock },
    ).catch((e: unknown) => e);
    return { error: error as WaitTimeoutError, sleeps: clock.sleeps.length };
  };

  it("ends at once when a container stopped under restartPolicy Never, naming it", async () => {
    const { error, sleeps } = await wait([running("web", "not ready"), stopped], "Never");
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(sleeps).toBe(0);
    expect(error.message).toBe("pod default/p is not ready after 0s: container job (2 restarts): exited with code 1");
  });

  it("waits out the deadline under restartPolicy Always, naming the first pending container", async () => {
    const { error, sleeps } = await wait([running("web", "not ready"), stopped], "Always");
    expect(sleeps).toBe(240);
    expect(error.message).toBe("pod default/p is not ready after 60s: container web: not ready");
  });
});
