// Writes a benchmark's report into docs/figures/NAME.md, headed by the
// command that made it, the date and the machine, so that the figures the
// maintainers' documents cite are never typed by hand: rerun the command
// to bring them up to date.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The machine, in one line: CPU model, cores, memory, OS, Node. */
export function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const gib = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${cpu}, ${os.cpus().length} cores, ${gib} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/**
 * Writes `report` (Markdown) to docs/figures/`name`.md under a header that
 * names `command`, the date (UTC) and the machine.
 */
export function writeFigures(name, command, report) {
  const dir = path.join(ROOT, 'docs', 'figures');
  fs.mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const head = `<!-- written by \`${command}\`; do not edit by hand -->\n\n`
    + `Made by \`${command}\` on ${date} UTC, on ${machine()}; load average ${os.loadavg()[0].toFixed(1)} at the end.\n\n`;
  fs.writeFileSync(path.join(dir, `${name}.md`), head + report.trimEnd() + '\n');
}

/**
 * Replaces the lines between `<!-- KEY:begin ... -->` and `<!-- KEY:end -->`
 * in README.md with `markdown` (the user-facing summary of a report whose
 * full form is in docs/figures/). Leaves the README alone, with a warning,
 * when it has no such block.
 */
export function writeReadmeBlock(key, command, markdown) {
  const file = path.join(ROOT, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const begin = text.indexOf(`<!-- ${key}:begin`);
  const end = text.indexOf(`<!-- ${key}:end -->`);
  if (begin < 0 || end < begin) {
    console.error(`figures: README.md has no ${key} block; not updated`);
    return;
  }
  const head = `<!-- ${key}:begin (written by ${command}; do not edit by hand) -->\n`;
  fs.writeFileSync(file, text.slice(0, begin) + head + markdown.trimEnd() + '\n' + text.slice(end));
}
