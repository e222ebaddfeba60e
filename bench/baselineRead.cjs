// The baseline for `tcpflow-cli check` as a whole process: a bare node that reads and splits the file.
const text = require('node:fs').readFileSync(process.argv[2], 'utf8');
text.split(/\r\n|\r|\n/);
