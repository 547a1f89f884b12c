// Trunk post-build hook: puts the SHA-256 of every inline <script> of the built page
// (Trunk's wasm loader, and in `trunk serve` its reload script) into the page's
// Content-Security-Policy, in place of CSP_SCRIPT_HASHES. Scripts then run only from the
// app's own files or with those exact hashes. Reads $TRUNK_STAGING_DIR/index.html.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const file = path.join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
const html = fs.readFileSync(file, 'utf8');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline.map((body) => `'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`);
if (!html.includes('CSP_SCRIPT_HASHES')) {
  console.error(`csp.mjs: no CSP_SCRIPT_HASHES placeholder in ${file}`);
  process.exit(1);
}
fs.writeFileSync(file, html.replaceAll('CSP_SCRIPT_HASHES', hashes.join(' ')));
console.log(`csp.mjs: ${hashes.length} inline script(s) allowed by hash in ${file}`);
