// node validate_mermaid.mjs PATLESS TOOLS SOURCE_DIR
// Runs `patless graph --format mermaid` on the examples (every kind of broken
// link) and on the graph golden cases, and parses each with Mermaid's parser.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [patless, tools, source] = process.argv.slice(2);
const require = createRequire(path.join(tools, 'node_modules', 'x.js'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(path.join(tools, 'node_modules', 'mermaid', 'dist', 'mermaid.core.mjs'));
// The syntax is what is checked here; patless itself warns past Mermaid's default of 500 links.
mermaid.initialize({ maxEdges: 100000 });

const inputs = {
  'patless graph testdata/examples': execFileSync(patless, ['graph', 'testdata/examples', '--format', 'mermaid'],
                                                  { cwd: source, encoding: 'utf8' }),
  'patless graph testdata/rules': execFileSync(patless, ['graph', 'testdata/rules', '--format', 'mermaid'],
                                               { cwd: source, encoding: 'utf8' }),
  'graph_mermaid golden': readFileSync(path.join(source, 'testdata/cli/graph_mermaid/expected.txt'), 'utf8'),
};
let failed = 0;
for (const [name, text] of Object.entries(inputs)) {
  if (!text.startsWith('graph LR\n')) {
    console.log(`${name}: not a Mermaid flowchart`);
    failed++;
    continue;
  }
  try {
    await mermaid.parse(text);
    console.log(`${name}: parses (${text.split('\n').length} lines)`);
  } catch (e) {
    console.log(`${name}: ${e.message || e}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
