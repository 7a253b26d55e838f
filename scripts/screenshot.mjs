// Takes the README's screenshot: the page on its sample article, in headless
// Chromium, written to docs/screenshot.png. Run by `make screenshot` after a
// change to what the page shows.

import path from 'node:path';
import { ROOT, startServer, startBrowser, inputText, waitForRender } from '../tests/e2e/harness.mjs';

const OUT = path.join(ROOT, 'docs', 'screenshot.png');

const server = await startServer();
const browser = await startBrowser({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
try {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  const sample = await inputText(page);
  await waitForRender(page, sample);
  await page.screenshot({ path: OUT, fullPage: false });
  console.log(`screenshot: wrote ${path.relative(ROOT, OUT)}`);
} finally {
  await browser.close();
  await server.close();
}
