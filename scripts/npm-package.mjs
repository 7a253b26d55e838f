// Assembles the npm package in out/npm/ (`make npm`), for `npm pack`.
//
// Layout: the wasm-bindgen output in pkg/ (newslens.js, newslens_bg.wasm,
// the declarations), and beside it the page's own modules that the worker
// helper needs, in the same relative layout as in www/ (annotator.js ->
// worker.js -> pkg/newslens.js, columns.js), so that their
// `new URL('./...', import.meta.url)` and relative imports hold unchanged.
// Which www/ modules ship is found by following the relative imports from
// the entry modules, not listed here, so a module the page adds or splits
// off comes along. Then the package's own entries, types and README from
// npm/, the licences, and package.json with the crate's version.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(root, 'www');
const src = join(root, 'npm');
const out = join(root, process.argv[2] ?? 'out/npm');

function fail(message) {
  console.error(`npm-package: ${message}`);
  process.exit(1);
}

const PKG_FILES = ['newslens.js', 'newslens_bg.wasm', 'newslens.d.ts', 'newslens_bg.wasm.d.ts'];
for (const f of PKG_FILES) {
  if (!existsSync(join(www, 'pkg', f))) fail(`www/pkg/${f} is missing: run \`make wasm\` first`);
}
const ENTRIES = ['annotator.js', 'columns.js'];
for (const f of ENTRIES) {
  if (!existsSync(join(www, f))) fail(`www/${f} is missing (the worker helper ships from www/)`);
}

/** Relative module specifiers in `code`: static and dynamic imports, re-exports, `new URL('./x.js', import.meta.url)`. */
function relativeImports(code) {
  const found = new Set();
  const patterns = [
    /\bimport\s*(?:[\w*{}\s,$]+from\s*)?['"](\.{1,2}\/[^'"]+)['"]/g,
    /\bexport\s*[\w*{}\s,$]*from\s*['"](\.{1,2}\/[^'"]+)['"]/g,
    /\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
    /new\s+URL\s*\(\s*['"](\.{1,2}\/[^'"]+\.m?js)['"]\s*,\s*import\.meta\.url\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.add(m[1]);
  return found;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'pkg'), { recursive: true });
for (const f of PKG_FILES) cpSync(join(www, 'pkg', f), join(out, 'pkg', f));

// The www/ modules reachable from the entries (pkg/ is copied above).
const todo = [...ENTRIES];
const shipped = new Set();
while (todo.length) {
  const file = todo.pop();
  if (shipped.has(file)) continue;
  shipped.add(file);
  const code = readFileSync(join(www, file), 'utf8');
  for (const spec of relativeImports(code)) {
    const target = relative(www, normalize(join(www, dirname(file), spec)));
    if (target.startsWith('..')) fail(`www/${file} imports ${spec}, outside www/`);
    if (target.startsWith('pkg/')) continue;
    if (!existsSync(join(www, target))) fail(`www/${file} imports ${spec}, which does not exist`);
    todo.push(target);
  }
}
for (const file of shipped) {
  mkdirSync(dirname(join(out, file)), { recursive: true });
  cpSync(join(www, file), join(out, file));
}

for (const f of ['index.js', 'index.node.js', 'index.d.ts', 'annotator.d.ts', 'columns.d.ts', 'README.md']) {
  if (shipped.has(f)) fail(`npm/${f} would replace www/${f}`);
  cpSync(join(src, f), join(out, f));
}
cpSync(join(root, 'LICENSE-MIT'), join(out, 'LICENSE-MIT'));
cpSync(join(root, 'LICENSE-APACHE'), join(out, 'LICENSE-APACHE'));
cpSync(join(root, 'data', 'LICENSES.md'), join(out, 'DATA-LICENSES.md'));

// The crate's version, so the package and `version()` agree.
const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const version = cargo.match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m)?.[1];
if (!version) fail('no [package] version in Cargo.toml');
const manifest = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(out, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

console.log(`npm: ${relative(root, out)}/ holds newslens ${version}: ${[...shipped].sort().join(', ')} from www/, pkg/`);
