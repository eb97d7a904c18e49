// The few tar archives Podling exchanges with Docker's archive API: small files in one folder. Pure.
const BLOCK = 512;

export interface TarFile {
  name: string;
  content: string;
}

/** A file to archive: text or bytes, with its mode (default 0644). */
export interface TarEntry {
  name: string;
  content: string | Buffer;
  mode?: number;
}

/** A ustar archive of `files`, owned by root. */
export function tarOf(files: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    const body = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : file.content;
    parts.push(header(file.name, body.length, file.mode ?? 0o644), body, Buffer.alloc(padding(body.length)));
  }
  parts.push(Buffer.alloc(2 * BLOCK)); // the end-of-archive marker
  return Buffer.concat(parts);
}

/** The regular files of a ustar archive, by name; anything else in it is skipped. */
export function filesOfTar(archive: Buffer): TarFile[] {
  const files: TarFile[] = [];
  let at = 0;
  while (at + BLOCK <= archive.length) {
    const head = archive.subarray(at, at + BLOCK);
    if (head.every((b) => b === 0)) break;
    const name = field(head, 0, 100);
    const size = parseInt(field(head, 124, 12) || "0", 8);
    const type = String.fromCharCode(head[156]);
    at += BLOCK;
    if (type === "0" || type === "\0") files.push({ name, content: archive.subarray(at, at + size).toString("utf8") });
    at += size + padding(size);
  }
  return files;
}

function header(name: string, size: number, mode: number): Buffer {
  if (Buffer.byteLength(name) > 99) throw new Error(`tar entry name too long: ${name}`);
  const head = Buffer.alloc(BLOCK);
  head.write(name, 0, "utf8");
  head.write(octal(mode, 7), 100);
  head.write(octal(0, 7), 108); // uid
  head.write(octal(0, 7), 116); // gid
  head.write(octal(size, 11), 124);
  head.write(octal(Math.floor(Date.now() / 1000), 11), 136);
  head.write("        ", 148); // the checksum counts its own field as spaces
  head.write("0", 156);
  head.write("ustar\u000000", 257);
  const checksum = head.reduce((sum, b) => sum + b, 0);
  head.write(octal(checksum, 6) + "\u0000 ", 148);
  return head;
}

const octal = (value: number, width: number) => value.toString(8).padStart(width, "0");
const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;
const field = (head: Buffer, start: number, length: number) =>
  head
    .subarray(start, start + length)
    .toString("utf8")
    .replace(/\0.*$/s, "")
    .trim();
