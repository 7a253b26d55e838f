// scripts/serve.mjs, the server behind `make serve` and the e2e tests: right
// MIME types, the strict CSP on every response, and nothing outside its root.

import assert from "node:assert/strict";
import { request } from "node:http";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gunzipSync } from "node:zlib";

import { CSP, serve } from "../../scripts/serve.mjs";

let dir, root, server;

before(async () => {
  // A root of our own, with a secret beside it that must never be served.
  dir = mkdtempSync(join(tmpdir(), "newslens-serve-"));
  root = join(dir, "www");
  mkdirSync(join(root, "pkg"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<!doctype html><title>t</title>");
  writeFileSync(join(root, "main.js"), "export const x = 1;\n".repeat(50));
  writeFileSync(join(root, "style.css"), "body{}");
  writeFileSync(join(root, "pkg", "m.wasm"), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(root, "a b.txt"), "spaced");
  writeFileSync(join(dir, "secret.txt"), "secret");
  symlinkSync(join(dir, "secret.txt"), join(root, "link.txt"));
  server = await serve({ root, port: 0 });
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request (no URL normalisation, unlike fetch). */
function get(path, { method = "GET", headers = {} } = {}) {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("listens on 127.0.0.1 only", () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test("serves files with their MIME types and the CSP", async () => {
  for (const [path, type] of [
    ["/", "text/html; charset=utf-8"],
    ["/index.html", "text/html; charset=utf-8"],
    ["/main.js", "text/javascript; charset=utf-8"],
    ["/style.css", "text/css; charset=utf-8"],
    ["/pkg/m.wasm", "application/wasm"],
    ["/a%20b.txt", "text/plain; charset=utf-8"],
    ["/main.js?v=2", "text/javascript; charset=utf-8"],
  ]) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers["content-type"], type, path);
    assert.equal(res.headers["content-security-policy"], CSP, path);
    assert.equal(res.headers["x-content-type-options"], "nosniff", path);
  }
  assert.equal(CSP, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
});

test("nothing outside the root, however the path is written", async () => {
  for (const path of ["/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/pkg/../../secret.txt", "/link.txt", "/%00", "/%E0%A4%A", "//etc/passwd", "/missing.js"]) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.ok(!res.body.toString().includes("secret"), path);
    assert.equal(res.headers["content-security-policy"], CSP, `${path}: CSP on errors too`);
  }
});

test("only GET and HEAD", async () => {
  assert.equal((await get("/", { method: "POST" })).status, 405);
  const head = await get("/main.js", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
});

test("compresses when asked, and revalidates with ETag", async () => {
  const plain = await get("/main.js");
  const gz = await get("/main.js", { headers: { "accept-encoding": "gzip" } });
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.deepEqual(gunzipSync(gz.body), plain.body);
  const again = await get("/main.js", { headers: { "if-none-match": plain.headers.etag } });
  assert.equal(again.status, 304);
});
