// An in-memory ImageClient: images exist when a test adds them. No registry answers, as on these machines.
import { Readable } from "stream";
import type { ImageClient } from "../../../provider/docker/clients";
import type { ImageInspectInfo } from "../../../provider/docker/types";
import { dockerError, notFound } from "./errors";

export class FakeImages implements ImageClient {
  private readonly byRef = new Map<string, { Entrypoint?: string[]; Cmd?: string[] }>();

  add(ref: string, config: { Entrypoint?: string[]; Cmd?: string[] } = {}): void {
    this.byRef.set(ref, config);
  }

  has(ref: string): boolean {
    return this.byRef.has(ref);
  }

  async inspect(ref: string): Promise<ImageInspectInfo> {
    const config = this.byRef.get(ref);
    if (!config) throw notFound(`image: ${ref}`);
    return {
      Id: `sha256:${Buffer.from(ref).toString("hex").padEnd(64, "0").slice(0, 64)}`,
      RepoTags: [ref],
      Config: config,
    } as unknown as ImageInspectInfo;
  }

  async pull(ref: string): Promise<void> {
    throw dockerError(500, `Get "https://registry/v2/${ref}": no registry is reachable`);
  }

  async save(ref: string): Promise<Readable> {
    await this.inspect(ref);
    return Readable.from([JSON.stringify({ ref, config: this.byRef.get(ref) })]);
  }

  async load(archive: Readable): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of archive) chunks.push(Buffer.from(chunk));
    const { ref, config } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    this.add(ref, config);
  }
}
