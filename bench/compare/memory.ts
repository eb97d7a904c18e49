// Peak resident memory of the processes whose command line matches, sampled every 100 ms from /proc.
import * as fs from "fs";

export class PeakMemory {
  private peakKb = 0;
  private timer: NodeJS.Timeout;

  constructor(private readonly pattern: RegExp) {
    this.timer = setInterval(() => this.sample(), 100);
  }

  private sample(): void {
    let total = 0;
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        if (!this.pattern.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "))) continue;
        total += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      } catch {
        // the process ended between the listing and the read
      }
    }
    this.peakKb = Math.max(this.peakKb, total);
  }

  /** Stops sampling; the peak in MiB. */
  stop(): number {
    clearInterval(this.timer);
    return this.peakKb / 1024;
  }
}
