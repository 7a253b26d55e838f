// A tiny static server for the page, on 127.0.0.1 only: out/www/ (www/ as
// it is deployed, its modules minified: scripts/site.mjs, which `make serve`
// runs first), or any other root given, such as www/ itself for debugging.
//
// Our own rather than a package's so that what the page is served with is
// fixed and visible here: the right MIME types (`application/wasm`, or
// `WebAssembly.instantiateStreaming` refuses the module), a strict Content
// Security Policy that lets the page load nothing but its own files, and no
// file outside the root ever sent. Responses are revalidated (ETag) so a rebuilt
// .wasm is picked up on reload, and compressible files are sent gzip- or
// brotli-encoded when the browser accepts it, as a real deployment would.
// The service worker's stamp (`/sw-stamp.js`, see scripts/stamp.mjs) is made
// from the files as they are at each request rather than read from disk, so
// that a changed file under the root reaches a browser at its next visit
// even before a rebuild writes the stamp.
//
//   node scripts/serve.mjs [--port N] [--root DIR]      (PORT=N works too)
//
// Tests import `serve()` to start it on a free port.

import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { readFile, realpath, stat } from "node:fs/promises";
import { extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";
import { STAMP_FILE, makeStamp, stampSource } from "./stamp.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const DEFAULT_ROOT = resolve(HERE, "..", "out", "www");

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
};

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".map", ".txt", ".svg", ".webmanifest"]);

const HEADERS = {
  "Content-Security-Policy": CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-cache",
};

/** Maps a request path to a file under `root`, or null if it would leave it. */
async function locate(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes("\0") || !path.startsWith("/")) return null;
  let file = resolve(root, "." + path);
  if (file !== root && !file.startsWith(root + sep)) return null;
  let info;
  try {
    info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, "index.html");
      info = await stat(file);
    }
    // Symlinks must not lead out of root either.
    const real = await realpath(file);
    const realRoot = await realpath(root);
    if (!real.startsWith(realRoot + sep)) return null;
  } catch {
    return null;
  }
  return info.isFile() ? { file, info } : null;
}

/** Encoded bodies, kept while the file's size and mtime stay the same. */
const cache = new Map();

async function body(file, info, encoding) {
  const key = `${file}\0${encoding}`;
  const stamp = `${info.size}-${info.mtimeMs}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit;
  const raw = await readFile(file);
  let data = raw;
  if (encoding === "br") {
    data = brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  } else if (encoding === "gzip") {
    data = gzipSync(raw, { level: 9 });
  }
  const etag = `"${createHash("sha1").update(raw).digest("base64url")}${encoding ? "-" + encoding : ""}"`;
  const entry = { stamp, data, etag };
  cache.set(key, entry);
  return entry;
}

function pickEncoding(accept, ext) {
  if (!COMPRESSIBLE.has(ext) || !accept) return "";
  const offered = accept.split(",").map((s) => s.trim().split(";")[0]);
  if (offered.includes("br")) return "br";
  if (offered.includes("gzip")) return "gzip";
  return "";
}

function send(res, status, text, method) {
  res.writeHead(status, { ...HEADERS, "Content-Type": "text/plain; charset=utf-8" });
  res.end(method === "HEAD" ? undefined : text + "\n");
}

/**
 * Answers with `data`, or 304 when the request already holds its version
 * (`headers.ETag`); `headers` carry no Content-Length, set here.
 */
function reply(req, res, headers, data) {
  if (req.headers["if-none-match"] === headers.ETag) {
    res.writeHead(304, headers);
    return res.end();
  }
  res.writeHead(200, { ...headers, "Content-Length": data.length });
  res.end(req.method === "HEAD" ? undefined : data);
}

/** Sends the stamp of the files under `root` as they are now. */
async function sendStamp(root, req, res) {
  const data = Buffer.from(stampSource(await makeStamp(root)));
  const etag = `"${createHash("sha1").update(data).digest("base64url")}"`;
  reply(req, res, { ...HEADERS, "Content-Type": TYPES[".js"], ETag: etag }, data);
}

/** The request handler for files under `root`. */
export function handler(root = DEFAULT_ROOT) {
  const absRoot = resolve(root);
  return async (req, res) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("Allow", "GET, HEAD");
        return send(res, 405, "method not allowed", req.method);
      }
      const urlPath = (req.url || "/").split(/[?#]/)[0];
      if (urlPath === `/${STAMP_FILE}`) return sendStamp(absRoot, req, res);
      const found = await locate(absRoot, urlPath);
      if (!found) return send(res, 404, "not found", req.method);
      const ext = extname(found.file).toLowerCase();
      const encoding = pickEncoding(req.headers["accept-encoding"], ext);
      const { data, etag } = await body(found.file, found.info, encoding);
      const headers = {
        ...HEADERS,
        "Content-Type": TYPES[ext] || "application/octet-stream",
        ETag: etag,
        Vary: "Accept-Encoding",
      };
      if (encoding) headers["Content-Encoding"] = encoding;
      return reply(req, res, headers, data);
    } catch (err) {
      if (!res.headersSent) send(res, 500, "internal error", req.method);
      else res.destroy();
      console.error("serve:", err);
    }
  };
}

/**
 * Starts the server on 127.0.0.1. `port: 0` picks a free port; a busy
 * default port moves on to the next ones unless `strictPort` is set.
 * Resolves to `{ server, url, close() }`.
 */
export function serve({ root = DEFAULT_ROOT, port = 8080, strictPort = false, host = "127.0.0.1" } = {}) {
  const server = createServer(handler(root));
  return new Promise((resolvePromise, reject) => {
    let tries = 0;
    const listen = (p) => {
      server.once("error", (err) => {
        if (err.code === "EADDRINUSE" && !strictPort && p !== 0 && tries < 20) {
          tries += 1;
          listen(p + 1);
        } else {
          reject(err);
        }
      });
      server.listen(p, host, () => {
        server.removeAllListeners("error");
        const { port: bound } = server.address();
        const url = `http://${host}:${bound}/`;
        resolvePromise({ server, url, close: () => new Promise((r) => server.close(() => r())) });
      });
    };
    listen(port);
  });
}

function parseArgs(argv) {
  const opts = { root: DEFAULT_ROOT, port: Number(process.env.PORT || 8080), strictPort: Boolean(process.env.PORT) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--port") {
      opts.port = Number(argv[++i]);
      opts.strictPort = true;
    } else if (arg === "--root") {
      opts.root = resolve(argv[++i] ?? "");
    } else {
      throw new Error(`unknown argument ${arg}\nusage: node scripts/serve.mjs [--port N] [--root DIR]`);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error(`bad port ${opts.port}`);
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const { url } = await serve(opts);
    const shown = relative(process.cwd(), opts.root) || ".";
    console.log(`newslens: serving ${shown.startsWith("..") ? opts.root : shown + "/"} at ${url}  (Ctrl-C to stop)`);
  } catch (err) {
    console.error(`serve: ${err.message}`);
    process.exit(1);
  }
}
