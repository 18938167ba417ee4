// A latency probe in a process of its own (test/bench/serving-speed.ts): the bench's own process serves the
// 500 KB pages being scanned and drives the scans, and its event loop's delays must not be counted as the
// service's. Probes each path given, prints {"<path>": {latencies, errors}} as one JSON line, exits.
// usage: tsx test/bench/probe-process.ts <base> <ms> <everyMs> <path>...
// Each path is probed for a second first, not recorded (load.ts says why).
import { probe } from './load.js';

const [base, ms, everyMs, ...paths] = process.argv.slice(2);
const results = await Promise.all(paths.map((p) => probe(base!, p, Number(ms), Number(everyMs), 1_000)));
console.log(JSON.stringify(Object.fromEntries(paths.map((p, i) => [p, results[i]]))));
