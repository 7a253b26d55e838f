// Shared by the npm package's tests: pack out/npm/ (built by `make npm`)
// into a tarball and install it into a fresh temp dir, as a user would, with
// no network (the package has no dependencies).
//
// Not a test file itself (the runner only picks up `*.test.mjs`).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NPM_DIR = join(ROOT, 'out', 'npm');
export const SEED_PATH = resolve(ROOT, '..', 'shared', 'data', 'seed-article.txt');

/** A temp dir, removed by the returned function. */
export function tempDir(name) {
  const dir = mkdtempSync(join(tmpdir(), `newslens-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `npm pack`s out/npm/ into `dest`; returns { tarball, size, unpackedSize, files: [path...] }. */
export function pack(dest) {
  if (!existsSync(join(NPM_DIR, 'package.json'))) {
    throw new Error(`${NPM_DIR} is missing: build it with \`make npm\` first`);
  }
  const out = execFileSync('npm', ['pack', NPM_DIR, '--pack-destination', dest, '--json', '--silent'], { encoding: 'utf8' });
  const [info] = JSON.parse(out);
  return { tarball: join(dest, info.filename), size: info.size, unpackedSize: info.unpackedSize, files: info.files.map((f) => f.path).sort() };
}

/** A new project in `dir` with the tarball installed as a dependency, offline. */
export function installInto(dir, tarball) {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'newslens-user', private: true, type: 'module' }, null, 2));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tarball], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The wasm built in www/pkg, loaded directly: the oracle the installed package must agree with. */
export async function loadOracle() {
  const mod = await import(pathToFileURL(join(ROOT, 'www', 'pkg', 'newslens.js')).href);
  mod.initSync({ module: readFileSync(join(ROOT, 'www', 'pkg', 'newslens_bg.wasm')) });
  return mod;
}

export const readSeed = () => readFileSync(SEED_PATH, 'utf8');
