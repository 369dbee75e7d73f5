// Parses an AsyncAPI document with @asyncapi/parser (the parser every AsyncAPI tool uses) and prints
// its diagnostics. Exit status 1 when the parser reports an error or cannot build the document.
// Usage: node validate.mjs [file]   (default: ../asyncapi.yaml, i.e. docs/asyncapi.yaml)
import { Parser, fromFile } from '@asyncapi/parser';
import { fileURLToPath } from 'node:url';

const file = process.argv[2] ?? fileURLToPath(new URL('../asyncapi.yaml', import.meta.url));
const SEVERITY = ['error', 'warning', 'info', 'hint'];

const { document, diagnostics } = await fromFile(new Parser(), file).parse();
for (const d of diagnostics) {
  console.log(`${SEVERITY[d.severity] ?? d.severity} ${d.code} at /${d.path.join('/')}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === 0).length;
if (!document || errors > 0) {
  console.error(`${file}: INVALID (${errors} error(s))`);
  process.exit(1);
}
console.log(`${file}: valid AsyncAPI ${document.version()} (${diagnostics.length} non-error diagnostic(s))`);
