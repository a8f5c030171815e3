// Validates every document of a rendered manifest (stdin, multi-document YAML) against the
// Kubernetes OpenAPI schemas bundled in the npm package kubernetes-models: offline, no cluster.
// Exits non-zero, naming the document and the problem, if any document is invalid or of an unknown kind.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const docs = parseAllDocuments(readFileSync(0, 'utf8')).map((d) => d.toJS()).filter(Boolean);
let failures = 0;
for (const doc of docs) {
  const name = `${doc.kind}/${doc.metadata?.name}`;
  try {
    const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : [null, doc.apiVersion];
    const path = `kubernetes-models/${group ? `${group}/` : ''}${version}/${doc.kind}`;
    const Model = require(path)[doc.kind];
    new Model(doc).validate();
    console.log(`valid   ${doc.apiVersion} ${name}`);
  } catch (e) {
    failures++;
    console.error(`INVALID ${doc.apiVersion} ${name}: ${e.message}`);
  }
}
if (docs.length === 0) {
  console.error('no documents on stdin');
  process.exit(1);
}
process.exit(failures === 0 ? 0 : 1);
