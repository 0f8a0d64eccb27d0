import { enableCompileCache } from 'node:module';

// The process entry. It imports nothing heavy before checking the Node version, so an older Node
// gets this message rather than a syntax error from somewhere in the dependencies.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Charla needs Node.js 24 or newer; this is ${process.version}. Run it with "npm start", which uses the Node 24 the project installs.`,
  );
  process.exit(1);
}

// Node keeps compiled modules (our stripped TypeScript included) on disk between starts: a
// restart skips most parsing and compiling, which is most of the time to ready.
enableCompileCache();

await import('./serve.ts');
