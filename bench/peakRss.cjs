// Preloaded (`node --require`) into a benchmarked process: at exit, writes the whole process's
// peak resident memory (getrusage's ru_maxrss, in KiB) to the file TCPFLOW_BENCH_RSS names.
const { writeFileSync } = require('node:fs');
const out = process.env.TCPFLOW_BENCH_RSS;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
