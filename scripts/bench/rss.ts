import { readdirSync, readFileSync } from "node:fs";

/**
 * The app's resident memory: the sum over a process and its descendants (`next start` serves from
 * a child process), sampled from /proc every 250 ms; the peak is what the 512 MB bounds.
 */
function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byParent;
}

function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export function treeRssMb(root: number): number {
  const tree = children();
  let kb = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    kb += rssKb(pid);
    stack.push(...(tree.get(pid) ?? []));
  }
  return Math.round(kb / 1024);
}

export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  peakMb = 0;
  /** The peak since the last mark (per scenario). */
  windowPeakMb = 0;

  constructor(private readonly pid: number) {}

  start(): void {
    this.timer = setInterval(() => {
      const mb = treeRssMb(this.pid);
      this.peakMb = Math.max(this.peakMb, mb);
      this.windowPeakMb = Math.max(this.windowPeakMb, mb);
    }, 250);
    this.timer.unref();
  }

  mark(): number {
    const peak = this.windowPeakMb;
    this.windowPeakMb = treeRssMb(this.pid);
    return peak;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
