// The served copy of the page: www/ as it is deployed, in out/www/.
//
// www/ is the readable source: plain ES modules whose comments explain each
// decision, about half of their bytes. What a browser downloads need not
// carry them, so this copies www/ to out/www/ with every JavaScript module
// minified by esbuild, one file at a time (a transform, not a bundle: the
// module boundaries, file names and relative imports stay exactly as in
// www/, so the service worker's precache, the lazy imports and the
// `new URL('./worker.js', import.meta.url)` references still hold). The
// wasm-bindgen glue in pkg/ is minified too; the .wasm, HTML, CSS and SVG
// are copied as they are. It then writes the service worker's stamp
// (scripts/stamp.mjs) for the copy, since the stamp hashes the bytes served.
//
// `make wasm` (and so `make serve` and every test target) runs it; the
// size check (benches/size.mjs) measures out/www/, what is actually sent.
// Only files that changed are rewritten, each through a temporary file and a
// rename, so test processes that build it at the same time never see half a
// file. To debug with the original sources, serve www/ itself:
// `node scripts/serve.mjs --root www` (the stamp is made on the fly).
//
//   node scripts/site.mjs [--from DIR] [--to DIR]

import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { STAMP_FILE, makeStamp, stampSource } from "./stamp.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const SOURCE = resolve(HERE, "..", "www");
export const SITE = resolve(HERE, "..", "out", "www");

/** Files of www/ that are not served (TypeScript declarations are for users of pkg/). */
const SKIP = (rel) => rel.endsWith(".d.ts") || rel === STAMP_FILE;

/** The served bytes of one source file: a JS module minified, anything else as it is. */
export async function servedBytes(rel, bytes) {
  if (!/\.m?js$/.test(rel)) return bytes;
  const { transform } = await import("esbuild");
  // Classic scripts (the service worker: importScripts) must stay scripts; modules stay modules.
  const format = rel === "sw.js" ? undefined : "esm";
  const { code } = await transform(bytes.toString("utf8"), {
    loader: "js", format, minify: true, target: "es2022", legalComments: "none", charset: "utf8", sourcefile: rel,
  });
  return Buffer.from(code);
}

async function writeIfChanged(file, bytes) {
  const held = await readFile(file).catch(() => null);
  if (held && held.equals(bytes)) return false;
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
  return true;
}

/**
 * Builds `to` from `from`. Resolves to { files, raw, served } (byte totals
 * of the JavaScript before and after).
 */
export async function buildSite({ from = SOURCE, to = SITE } = {}) {
  const rels = (await readdir(from, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => relative(from, join(e.parentPath ?? e.path, e.name)).split("\\").join("/"))
    .filter((rel) => !SKIP(rel) && !rel.endsWith(".tmp"))
    .sort();
  let raw = 0;
  let served = 0;
  for (const rel of rels) {
    const bytes = await readFile(join(from, rel));
    const out = await servedBytes(rel, bytes);
    if (/\.m?js$/.test(rel)) { raw += bytes.length; served += out.length; }
    await writeIfChanged(join(to, rel), out);
  }
  // Files removed from www/ leave the copy too.
  const keep = new Set([...rels, STAMP_FILE]);
  for (const e of await readdir(to, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const rel = relative(to, join(e.parentPath ?? e.path, e.name)).split("\\").join("/");
    if (!keep.has(rel) && !rel.endsWith(".tmp")) await rm(join(to, rel), { force: true });
  }
  await writeIfChanged(join(to, STAMP_FILE), Buffer.from(stampSource(await makeStamp(to))));
  return { files: rels.length, raw, served };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const arg = (name, fallback) => (args.includes(name) ? resolve(args[args.indexOf(name) + 1] ?? "") : fallback);
  const to = arg("--to", SITE);
  const { files, raw, served } = await buildSite({ from: arg("--from", SOURCE), to });
  const shown = relative(process.cwd(), to) || ".";
  console.log(`site: ${shown}/ (${files} files; JavaScript ${raw} -> ${served} bytes minified)`);
}
