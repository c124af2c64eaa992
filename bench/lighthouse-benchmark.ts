// lighthouse: Lighthouse's mobile performance audit (its default: a mid-range phone on
// simulated slow 4G with 4x CPU slowdown) of `/` on a fresh server, as a first visitor sees
// it: a new Chromium profile each run, nothing cached, no service worker yet. Lighthouse 12.2.3
// (the newest that installs and runs on this machine, see ../shared/TOOLCHAIN.md) drives
// Debian's Chromium through chrome-launcher.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM } from '../tests/helpers/browser.ts';
import { startServerProcess } from '../tests/helpers/server-process.ts';

export interface LighthouseRun {
  /** The performance category's score, 0..1. */
  score: number;
  /** First and largest contentful paint, speed index, total blocking time: ms (simulated). */
  fcp: number;
  lcp: number;
  speedIndex: number;
  tbt: number;
  cls: number;
  /** Main-thread work (script, style, layout, …), ms, as Lighthouse estimates it on the phone. */
  mainThread: number;
  /** Bytes of JavaScript transferred. */
  jsBytes: number;
  version: string;
}

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function numeric(lhr: { audits: Record<string, { numericValue?: number }> }, id: string): number {
  const value = lhr.audits[id]?.numericValue;
  if (value === undefined) throw new Error(`Lighthouse gave no ${id}`);
  return value;
}

/** `runs` audits of `/`, each in a fresh Chromium, against one fresh server process. */
export async function runLighthouseBenchmark(runs: number): Promise<LighthouseRun[]> {
  const server = await startServerProcess();
  const url = `${server.url.replace('localhost', '127.0.0.1')}/`;
  const samples: LighthouseRun[] = [];
  try {
    for (let run = 0; run < runs; run++) samples.push(await auditOnce(url));
    return samples;
  } finally {
    await server.stop();
  }
}

/**
 * One audit in a fresh Chromium. Lighthouse sometimes fails to record the trace on a loaded
 * machine (NO_NAVSTART, NO_FCP: "Please run Lighthouse again"); such a run is repeated, up to
 * three tries, rather than failing the whole benchmark. Any other failure is thrown at once.
 */
async function auditOnce(url: string): Promise<LighthouseRun> {
  for (let attempt = 1; ; attempt++) {
    const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
    try {
      const result = await lighthouse(url, {
        port: chrome.port,
        onlyCategories: ['performance'],
        output: 'json',
        logLevel: 'error',
      });
      const lhr = result?.lhr;
      const score = lhr?.categories.performance?.score;
      if (!lhr || score === null || score === undefined) {
        const code = lhr?.runtimeError?.code ?? '';
        if (attempt < 3 && /^NO_(NAVSTART|FCP|LCP|TRACING_STARTED)/.test(code)) continue;
        throw new Error(`Lighthouse gave no performance score: ${lhr?.runtimeError?.message}`);
      }
      const items =
        (
          lhr.audits['resource-summary']?.details as
            { items?: { resourceType: string; transferSize: number }[] } | undefined
        )?.items ?? [];
      return {
        score,
        fcp: numeric(lhr, 'first-contentful-paint'),
        lcp: numeric(lhr, 'largest-contentful-paint'),
        speedIndex: numeric(lhr, 'speed-index'),
        tbt: numeric(lhr, 'total-blocking-time'),
        cls: numeric(lhr, 'cumulative-layout-shift'),
        mainThread: numeric(lhr, 'mainthread-work-breakdown'),
        jsBytes: items.find((item) => item.resourceType === 'script')?.transferSize ?? 0,
        version: lhr.lighthouseVersion,
      };
    } finally {
      chrome.kill();
    }
  }
}
