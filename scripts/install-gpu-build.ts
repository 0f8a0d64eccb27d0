import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * `npm run model:gpu -- cuda|vulkan [--dry-run]`: installs node-llama-cpp's prebuilt GPU build for
 * Linux x64. package.json maps these builds to an empty package (npm `overrides`) so the default
 * install stays lean (CUDA alone is 538 MB); this fetches the real package of the same version
 * with `npm pack` and unpacks it over the placeholder. `getLlama({ gpu: 'auto' })` then uses it
 * when the machine has the GPU and its driver. `npm ci` / `npm install` put the placeholder back:
 * run this again after them. GPU use is untested on the machines this was written on (no GPU).
 */

const builds: Record<string, string[]> = {
  cuda: ['@node-llama-cpp/linux-x64-cuda', '@node-llama-cpp/linux-x64-cuda-ext'],
  vulkan: ['@node-llama-cpp/linux-x64-vulkan'],
};

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const build = args.find((arg) => !arg.startsWith('--'));
const packages = build ? builds[build] : undefined;
if (!packages) {
  console.error('Usage: npm run model:gpu -- cuda|vulkan [--dry-run]');
  process.exit(2);
}
if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(
    `This installs the Linux x64 GPU builds; this machine is ${process.platform}-${process.arch}. (macOS uses Metal from the default install.)`,
  );
  process.exit(2);
}

const root = resolve(import.meta.dirname, '..');
const version = (
  JSON.parse(readFileSync(join(root, 'node_modules/node-llama-cpp/package.json'), 'utf8')) as {
    version: string;
  }
).version;
// Linux only (checked above), so plain npm.
const npm = 'npm';

function installedName(target: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

console.log(`${dryRun ? 'Would install' : 'Installing'} the ${build} build of node-llama-cpp ${version}:`);
for (const name of packages) {
  const target = join(root, 'node_modules', name);
  const current = installedName(target);
  const now = current === name ? 'installed' : current ? `placeholder ${current}` : 'absent';
  const spec = `${name}@${version}`;
  console.log(`  npm pack ${spec} → unpack over ${target} (now: ${now})`);
  if (dryRun) continue;
  const temp = mkdtempSync(join(tmpdir(), 'charla-gpu-'));
  try {
    const packed = JSON.parse(
      execFileSync(npm, ['pack', spec, '--pack-destination', temp, '--json'], { encoding: 'utf8' }),
    ) as Array<{ filename: string }>;
    const tarball = join(temp, (packed[0] as { filename: string }).filename);
    execFileSync('tar', ['-xzf', tarball, '-C', temp]);
    if (!existsSync(join(temp, 'package', 'package.json')))
      throw new Error(`${spec}: unexpected package layout`);
    rmSync(target, { recursive: true, force: true });
    cpSync(join(temp, 'package'), target, { recursive: true });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
if (dryRun) {
  console.log('Dry run: nothing fetched or changed.');
  process.exit(0);
}

// Say plainly whether this machine can use it: the build is only used when the GPU and driver are there.
try {
  const { getLlama } = await import('node-llama-cpp');
  const llama = await getLlama({ build: 'never', gpu: build as 'cuda' | 'vulkan' });
  console.log(`Installed. node-llama-cpp uses ${llama.gpu || 'the CPU'} here; restart Charla to use it.`);
} catch (error) {
  console.log(
    `Installed, but this machine cannot use the ${build} build (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); Charla keeps using the CPU.`,
  );
}
