import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The two shell commands of local models, run as npm runs them (Node 24 from node_modules, the
 * same flags). The download goes to a loopback "mirror" (--from), never to the hub.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = await readFile(join(root, 'tests/fixtures/llama-2-tiny-random.gguf'));

function run(script: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', join(root, script), ...args],
      { cwd: root, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let server: Server;
let mirror: string;
const requested: string[] = [];
let dataDir: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    response.writeHead(200, { 'content-length': fixture.length }).end(fixture);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dataDir = await mkdtemp(join(tmpdir(), 'charla-model-pull-'));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run model:pull', () => {
  it('lists the catalogue without an id', async () => {
    const { code, stdout } = await run('scripts/model-pull.ts', [], { DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(stdout).toContain('llama-3.2-3b-instruct-q4km');
    expect(stdout).toContain('more language mistakes than a large cloud model');
  });

  it('downloads a catalogue model into DATA_DIR/models and records its checksum', async () => {
    const { code, stdout } = await run(
      'scripts/model-pull.ts',
      ['qwen2.5-1.5b-instruct-q4km', '--from', mirror],
      { DATA_DIR: dataDir },
    );
    expect(code).toBe(0);
    expect(requested).toEqual([
      '/bartowski/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/Qwen2.5-1.5B-Instruct-Q4_K_M.gguf',
    ]);
    expect(stdout).toContain('sha256 81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb');
    expect(existsSync(join(dataDir, 'models', 'Qwen2.5-1.5B-Instruct-Q4_K_M.gguf'))).toBe(true);
  });

  it('refuses an unknown id', async () => {
    const { code, stderr } = await run('scripts/model-pull.ts', ['no-such-model'], { DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr).toContain('No model no-such-model in the catalogue');
  });
});

describe('npm run model:gpu', () => {
  it('prints what it would fetch in a dry run and changes nothing', async () => {
    const placeholder = join(root, 'node_modules/@node-llama-cpp/linux-x64-vulkan/package.json');
    const before = await readFile(placeholder, 'utf8');
    const { code, stdout } = await run('scripts/install-gpu-build.ts', ['vulkan', '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('npm pack @node-llama-cpp/linux-x64-vulkan@3.21.1 → unpack over');
    expect(stdout).toContain('(now: placeholder empty-npm-package)');
    expect(stdout).toContain('Dry run: nothing fetched or changed.');
    expect(await readFile(placeholder, 'utf8')).toBe(before);

    const cuda = await run('scripts/install-gpu-build.ts', ['cuda', '--dry-run']);
    expect(cuda.stdout).toContain('@node-llama-cpp/linux-x64-cuda@3.21.1');
    expect(cuda.stdout).toContain('@node-llama-cpp/linux-x64-cuda-ext@3.21.1');
  });

  it('explains its usage when the build is missing or unknown', async () => {
    const { code, stderr } = await run('scripts/install-gpu-build.ts', ['metal']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: npm run model:gpu -- cuda|vulkan');
  });
});
