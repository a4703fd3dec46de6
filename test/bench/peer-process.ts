import { ChildProcess, spawn } from 'node:child_process';
import { builtScript } from '../support/fixtures';

export interface PeerProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts fastify-peer.js with the bench's ceilings and waits for its address. */
export function startFastifyPeer(ceilings: Record<string, string>, nodeArgs: string[] = []): Promise<PeerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, builtScript('dist/test/bench/fastify-peer.js')], {
    env: { PATH: process.env.PATH ?? '', PEER_CEILINGS: JSON.stringify(ceilings) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /listening at (\S+)/.exec(output);
      if (match) resolve({ child, url: match[1], stop: () => (child.kill('SIGTERM'), exited) });
    });
    void exited.then(() => reject(new Error(`the Fastify peer exited:\n${output}`)));
  });
}
