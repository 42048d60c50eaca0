// The checkout's install step (npm's `prepare`, run by `npm ci` here and before `npm pack`):
// compile, precompile the schema validators, link the CLI. A consumer's install of the
// package never runs it (package.json's prepare is guarded on .projenrc.ts, which is not shipped).
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const run = (file, args) => execFileSync(process.execPath, [file, ...args], { cwd: root, stdio: 'inherit' });
run(require.resolve('typescript/bin/tsc', { paths: [root] }), ['--build']);
run(path.join(root, 'lib', 'validate', 'schema', 'standalone.js'), []);
run(path.join(root, 'scripts', 'link-bin.js'), []);
