// `npx podsmith` in a checkout: npm links the bins of dependencies, not the project's own, so
// after `npm ci` (its prepare step compiles lib/) link lib/cli.js into node_modules/.bin.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'lib', 'cli.js');
const bin = path.join(root, 'node_modules', '.bin');
const link = path.join(bin, 'podsmith');
if (!fs.existsSync(target)) {
  console.error('link-bin: lib/cli.js is missing (compile first); npx podsmith will not work');
  process.exit(0);
}
fs.mkdirSync(bin, { recursive: true });
fs.chmodSync(target, 0o755);
fs.rmSync(link, { force: true });
fs.symlinkSync(path.relative(bin, target), link);
