// Render a page of a built MyST site (_build/site/content/PAGE.json) to HTML
// with mystmd's own mdast-to-HTML renderer (the npm package myst-to-html).
//
//   node render_html.mjs NODE_MODULES CONTENT.json > page.html
//
// The book theme that `myst build --html` uses is downloaded from the
// internet at build time; this renderer is on npm, so tests can use it offline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [nodeModules, contentFile] = process.argv.slice(2);
const entry = join(nodeModules, 'myst-to-html', 'dist', 'index.js');
const { mystToHtml } = await import(pathToFileURL(entry).href);
const page = JSON.parse(readFileSync(contentFile, 'utf-8'));
process.stdout.write(mystToHtml(page.mdast, { formatHtml: true }) + '\n');
