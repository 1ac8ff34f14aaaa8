// Writes the service worker's precache list for a built site: dist/precache.json lists every file of
// the app (not the 11 MB of MNIST, which is cached when a student first loads it), and the build's
// version — a hash of those files — goes into dist/sw.js, so a new deploy is a new worker.
// Usage: node tools/precache.mjs dist
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const root = path.resolve(process.argv[2] || 'dist');
const skip = (rel) => rel === 'sw.js' || rel === 'precache.json' || rel.startsWith('data/mnist/') || rel.endsWith('.d.ts') || rel.endsWith('.d.mts');

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [path.relative(root, full).split(path.sep).join('/')];
  });
}

const files = walk(root).filter((rel) => !skip(rel)).sort();
const hash = crypto.createHash('sha256');
for (const rel of files) hash.update(rel).update(fs.readFileSync(path.join(root, rel)));
const version = hash.digest('hex').slice(0, 16);
fs.writeFileSync(path.join(root, 'precache.json'), JSON.stringify({ version, files: ['./', ...files] }, null, 1));
const sw = path.join(root, 'sw.js');
fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace('__BUILD__', version));
console.log(`precache: ${files.length} files, version ${version}`);
