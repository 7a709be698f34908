// Timing and memory measurement for the cohort benchmark.
//
// Time: wall clock of each run (performance.now), after untimed warm-up runs; the figures
// reported are the median and the best of the timed runs.
// Memory: a synchronous computation blocks the event loop, so an interval sampler alone would
// see nothing during it. Three sources are combined for each run:
//   * v8.GCProfiler: the V8 heap's used size before and after every garbage collection during
//     the run (the used heap peaks just before a collection or at the end of the run),
//   * process.memoryUsage() sampled every 5 ms (this is what sees an asynchronous run),
//   * the kernel's peak resident set (VmHWM in /proc/self/status), reset before each run by
//     writing 5 to /proc/self/clear_refs.
// global.gc() runs before each run, and the heap and RSS right after it are the baseline that
// the "above input" figures are measured from (the inputs themselves are resident then).
import { readFileSync, writeFileSync } from "node:fs";
import v8 from "node:v8";

const MiB = 1024 * 1024;

export interface RunStats {
  /** Seconds of each timed run. */
  times: number[];
  /** CPU seconds (user + system, all threads of the process) of each timed run. */
  cpu: number[];
  /** Median CPU seconds. */
  cpuMedian: number;
  median: number;
  best: number;
  /** Heap used after gc() before the run (inputs resident), MiB. */
  heapBase: number;
  /** Peak heap used during the runs, MiB (absolute). */
  heapPeak: number;
  /** Largest heap still in use after a collection during the run, MiB (live data). */
  heapLivePeak: number;
  /** RSS after gc() before the run, MiB. */
  rssBase: number;
  /** Peak RSS during the runs, MiB (absolute). */
  rssPeak: number;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

function vmHwm(): number {
  try {
    const m = readFileSync("/proc/self/status", "utf8").match(/^VmHWM:\s+(\d+)/m);
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function resetHwm(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed with memory tracking; `check` is
 * called with every result (warm-up included) and throws on a wrong result.
 */
export async function measure<T>(
  fn: () => T | Promise<T>,
  check: (result: T) => void,
  warmup: number,
  runs: number,
): Promise<RunStats> {
  for (let i = 0; i < warmup; i++) check(await fn());
  const times: number[] = [];
  const cpu: number[] = [];
  let heapPeak = 0;
  let heapLivePeak = 0;
  let rssPeak = 0;
  gc();
  const base = process.memoryUsage();
  for (let i = 0; i < runs; i++) {
    gc();
    const hwmReset = resetHwm();
    const profiler = new v8.GCProfiler();
    let sampledHeap = 0;
    let sampledRss = 0;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      if (m.heapUsed > sampledHeap) sampledHeap = m.heapUsed;
      if (m.rss > sampledRss) sampledRss = m.rss;
    }, 5);
    profiler.start();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await fn();
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    const stats = profiler.stop();
    clearInterval(timer);
    const end = process.memoryUsage();
    let heap = Math.max(sampledHeap, end.heapUsed);
    let live = 0;
    for (const s of stats.statistics) {
      const before = s.beforeGC.heapStatistics.usedHeapSize;
      const after = s.afterGC.heapStatistics.usedHeapSize;
      if (before > heap) heap = before;
      if (after > live) live = after;
    }
    if (live === 0) live = heap; // no collection during the run
    const rss = Math.max(hwmReset ? vmHwm() * MiB : 0, sampledRss, end.rss);
    times.push((t1 - t0) / 1000);
    cpu.push((c1.user + c1.system) / 1e6);
    heapPeak = Math.max(heapPeak, heap);
    heapLivePeak = Math.max(heapLivePeak, live);
    rssPeak = Math.max(rssPeak, rss);
    check(result);
  }
  return {
    times,
    median: median(times),
    best: Math.min(...times),
    cpu,
    cpuMedian: median(cpu),
    heapBase: base.heapUsed / MiB,
    heapPeak: heapPeak / MiB,
    heapLivePeak: heapLivePeak / MiB,
    rssBase: base.rss / MiB,
    rssPeak: rssPeak / MiB,
  };
}
