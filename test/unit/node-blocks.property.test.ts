// Properties of how a cluster network is cut into node blocks, over whole histories of nodes joining
// and leaving: blocks never overlap, stay inside the CIDR and off the reserved ranges, a node keeps its
// block, and a new node takes the lowest free one, so freed blocks are reused.
import * as fc from "fast-check";
import { layoutOf } from "../../core/cidr";
import { assignBlocks, engineBlock, MAX_CLUSTER_PREFIX, nodeBlockCapacity, nodeLayout } from "../../core/node-blocks";
import type { NodeBlock } from "../../core/types";
import { networkCidr, RUNS } from "../support/arbitraries";
import { boundsOf, ipToNumber, numberToIp } from "../support/ipv4";

const POOL = Array.from({ length: 10 }, (_, i) => `n${i}`);
// Each step is the cluster's node list after a membership change, in the order the program lists them.
const history = fc.array(fc.shuffledSubarray(POOL), { minLength: 1, maxLength: 8 });

describe("assignBlocks", () => {
  it("keeps blocks apart, inside the CIDR, stable per node, and reuses the lowest free one", () => {
    fc.assert(
      fc.property(networkCidr(16, MAX_CLUSTER_PREFIX), history, (cidr, steps) => {
        const [first] = boundsOf(cidr);
        const capacity = nodeBlockCapacity(cidr);
        const reserved = [engineBlock(cidr), layoutOf(cidr).serviceCidr!].map(boundsOf);
        let previous: NodeBlock[] = [];
        for (const names of steps) {
          const nodes = names.map((name) => ({ name, dockerHost: `ssh://${name}` }));
          if (names.length > capacity) {
            expect(() => assignBlocks(cidr, nodes, previous)).toThrow(`has room for ${capacity} node blocks`);
            continue; // a failed update leaves the blocks as they were
          }
          const blocks = assignBlocks(cidr, nodes, previous);
          expect(blocks.map((b) => [b.name, b.dockerHost])).toEqual(nodes.map((n) => [n.name, n.dockerHost]));
          const index = (b: NodeBlock) => (boundsOf(b.podCidr)[0] - first) / 256;
          expect(new Set(blocks.map((b) => b.podCidr)).size).toBe(blocks.length);
          for (const block of blocks) {
            expect(block.podCidr).toBe(`${numberToIp(first + index(block) * 256)}/24`);
            expect(index(block)).toBeLessThan(capacity);
            for (const [r1, r2] of reserved)
              expect(boundsOf(block.podCidr)[1] < r1 || boundsOf(block.podCidr)[0] > r2).toBe(true);
            const before = previous.find((p) => p.name === block.name);
            if (before) expect(block.podCidr).toBe(before.podCidr);
            // A new node's block is the lowest free one: every lower block belongs to some node.
            else
              for (let lower = 0; lower < index(block); lower++)
                expect(blocks.some((b) => index(b) === lower)).toBe(true);
          }
          previous = blocks;
        }
      }),
      { numRuns: 100 }, // each run is a history of up to eight assignments
    );
  });

  it("gives a node's pods its block (.2 to .254) and shares the network's services and DNS", () => {
    fc.assert(
      fc.property(networkCidr(16, MAX_CLUSTER_PREFIX), fc.nat(), (cidr, pick) => {
        const blocks = assignBlocks(
          cidr,
          POOL.slice(0, nodeBlockCapacity(cidr)).map((name) => ({ name, dockerHost: name })),
        );
        const block = blocks[pick % blocks.length].podCidr;
        const layout = nodeLayout(cidr, block);
        expect([ipToNumber(layout.podFirst), ipToNumber(layout.podLast)]).toEqual([
          boundsOf(block)[0] + 2,
          boundsOf(block)[1] - 1,
        ]);
        const { serviceCidr, dnsIP, gateway } = layoutOf(cidr);
        expect([layout.serviceCidr, layout.dnsIP, layout.gateway]).toEqual([serviceCidr, dnsIP, gateway]);
      }),
      RUNS,
    );
  });
});
