// Plain JavaScript on purpose: an older Node cannot even parse the TypeScript entry points, so
// this is what tells the user why Charla will not start.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Charla needs Node.js 24 or newer, but this is ${process.version}.\n` +
      'Run it with "npm install && npm start": npm then uses the Node 24 the project installs as a dependency.',
  );
  process.exit(1);
}
