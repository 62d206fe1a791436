import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import Docker from 'dockerode';
import tar from 'tar-stream';

/** Debian's busybox-static (usr-merged systems have both paths). */
const BUSYBOX = ['/usr/bin/busybox', '/bin/busybox'].find((p) => fs.existsSync(p)) ?? '/usr/bin/busybox';

/** Why Docker cannot be used here, or undefined when the daemon answers. */
export async function dockerUnavailable(): Promise<string | undefined> {
  if (!fs.existsSync(BUSYBOX)) return `${BUSYBOX} is missing (apt-get install busybox-static)`;
  try {
    await new Docker().ping();
    return undefined;
  } catch (err) {
    return `Docker is not reachable (${(err as Error).message}); .ci/run starts dockerd`;
  }
}

/**
 * A tiny image made here, never pulled: Debian's static busybox with every applet linked, imported
 * with `docker import` (the Engine API's `POST /images/create?fromSrc=-`). Labelled so the test
 * can remove it (and only it) afterwards.
 */
export async function buildBusyboxImage(): Promise<{ image: string; label: string; remove(): Promise<void> }> {
  const docker = new Docker();
  const id = `${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const image = `moltbot-test-sbx:${id}`;
  const label = `moltbot.test=${id}`;
  const applets = execFileSync(BUSYBOX, ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const pack = tar.pack();
  for (const dir of ['bin', 'etc', 'tmp', 'var', 'var/tmp', 'run', 'workspace', 'agent', 'proc', 'sys', 'dev', 'root'])
    pack.entry({ name: `${dir}/`, type: 'directory', mode: dir.endsWith('tmp') ? 0o1777 : 0o755 });
  pack.entry({ name: 'bin/busybox', mode: 0o755 }, fs.readFileSync(BUSYBOX));
  for (const a of applets) if (a !== 'busybox') pack.entry({ name: `bin/${a}`, type: 'symlink', linkname: 'busybox' });
  pack.entry({ name: 'etc/passwd', mode: 0o644 }, 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/sh\n');
  pack.entry({ name: 'etc/group', mode: 0o644 }, 'root:x:0:\nnogroup:x:65534:\n');
  pack.finalize();
  const [repo, tag] = image.split(':');
  const stream = await docker.importImage(
    pack as unknown as NodeJS.ReadableStream,
    {
      repo,
      tag,
      changes: [`LABEL ${label}`, 'ENV PATH=/bin'],
    } as any,
  );
  await new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve(undefined))),
  );
  return {
    image,
    label,
    async remove() {
      await docker
        .getImage(image)
        .remove({ force: true })
        .catch(() => undefined);
    },
  };
}

/** Remove every container carrying a label (the sandbox containers a test gateway made). */
export async function removeContainers(label: string): Promise<number> {
  const docker = new Docker();
  const found = await docker.listContainers({ all: true, filters: { label: [label] } });
  for (const c of found)
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
  return found.length;
}
