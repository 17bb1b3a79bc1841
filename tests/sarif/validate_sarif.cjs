// Runs patless over repositories in testdata and validates each SARIF log
// against the SARIF 2.1.0 JSON schema with ajv (draft 2020-12).
// usage: node validate_sarif.cjs <patless> <tools dir> <source dir>
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [patless, tools, source] = process.argv.slice(2);
const Ajv2020 = require(path.join(tools, 'node_modules/ajv/dist/2020')).default;
const addFormats = require(path.join(tools, 'node_modules/ajv-formats')).default;
const schema = JSON.parse(fs.readFileSync(path.join(tools, 'sarif-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let failures = 0;
let checked = 0;
// From a sibling directory: paths outside %SRCROOT%, written as absolute file URIs. The last, a
// pre-commit run naming a parameter file: its results are in the template it deploys.
const params = 'testdata/cli/values_from_parameters/repo';
for (const [dir, ...targets] of [['.', 'testdata/examples'], ['.', 'testdata/rules'], ['tests', '../testdata/examples'],
                                 ['.', '--root', params, `${params}/bicep/dev.bicepparam`]]) {
  const target = targets.join(' ');
  let out;
  try {
    out = execFileSync(patless, ['check', ...targets, '--format', 'sarif', '--fail-level', 'none'],
                       { cwd: path.join(source, dir), encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    console.error(`patless failed on ${target}: ${e.message}`);
    failures++;
    continue;
  }
  const log = JSON.parse(out);  // stdout must be SARIF and nothing else
  checked++;
  if (!validate(log)) {
    failures++;
    console.error(`${target}: SARIF does not validate:`);
    for (const err of validate.errors) console.error(`  ${err.instancePath} ${err.message}`);
  } else if (log.runs[0].results.some((r) => r.locations[0].physicalLocation.artifactLocation.uri.startsWith('file://..'))) {
    failures++;
    console.error(`${target}: a file:// URI with the host '..'`);
  } else if (log.runs[0].results.length === 0) {
    failures++;
    console.error(`${target}: expected results to validate, got none`);
  } else {
    console.log(`${target}: valid SARIF 2.1.0 with ${log.runs[0].results.length} results`);
  }
}
console.log(`${checked - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
