// Docker multiplexes stdout and stderr of a non-TTY container into frames: [stream, 0, 0, 0, size(4)] + payload.
import type { Readable } from "stream";

export function splitStreams(buffer: Buffer): { stdout: string; stderr: string; both: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const both: Buffer[] = [];
  forEachFrame(buffer, (fromStderr, payload) => {
    (fromStderr ? err : out).push(payload);
    both.push(payload);
  });
  const text = (parts: Buffer[]) => Buffer.concat(parts).toString("utf8");
  return { stdout: text(out), stderr: text(err), both: text(both) };
}

/** Each frame's payload in order, and whether it came from stderr. */
export function forEachFrame(buffer: Buffer, visit: (fromStderr: boolean, payload: Buffer) => void): void {
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    visit(buffer[offset] === 2, buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
}

/** Everything a stream yields, once it ends. */
export function collect(stream: NodeJS.ReadableStream | Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}
