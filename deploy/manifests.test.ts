import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { ROOT } from '../core/root';
import { parseEnv } from '../platform/config';
import { PARTS } from '../platform/parts';

/**
 * The deployment files are checked offline, as no cluster or container engine runs here: every
 * Kubernetes object against the Kubernetes API's own schemas (kubernetes-models, generated from the
 * API's OpenAPI), compose.yaml by Docker Compose's own `config`, and both against the code: each
 * container's command is a part the image has, and each variable they set is one the platform reads.
 */
const require = createRequire(import.meta.url);
const K8S = path.join(ROOT, 'deploy', 'kubernetes');

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const objects: K8sObject[] = readdirSync(K8S)
  .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
  .flatMap((f) => parseAllDocuments(readFileSync(path.join(K8S, f), 'utf8')).map((d) => d.toJS() as K8sObject))
  .filter(Boolean);

/** kubernetes-models' class for an object: `apps/v1` Deployment is `kubernetes-models/apps/v1`'s `Deployment`. */
function modelOf(o: K8sObject) {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  const module = require(`kubernetes-models/${group ? `${group}/` : ''}${version}`);
  return module[o.kind] as new (o: K8sObject) => { validate: () => void };
}

const knownVariables = new Set(Object.keys(parseEnv({}, { secrets: 'per part' })).concat(['NODE_ENV']));
// Optional variables without a default are not in the parsed object: read the schema's keys from the source.
for (const m of readFileSync(path.join(ROOT, 'platform', 'config.ts'), 'utf8').matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)) knownVariables.add(m[1]);

const workloads = objects.filter((o) => o.kind === 'Deployment');
const byKind = (kind: string) => objects.filter((o) => o.kind === kind);

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it.each(objects.map((o) => [`${o.kind} ${o.metadata.name}`, o] as const))('%s is valid against the Kubernetes schema', (_, o) => {
    expect(() => new (modelOf(o))(o).validate()).not.toThrow();
  });

  it('the validator does refuse a broken object', () => {
    const broken = structuredClone(workloads[0]);
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(() => new (modelOf(broken))(broken).validate()).toThrow(/containerPort/);
  });

  it('has a Deployment for the gateway, the registry and every subgraph, each running a part the image has', () => {
    const parts = workloads.map((d) => d.spec.template.spec.containers[0].args[0]).sort();
    expect(parts).toEqual([...PARTS].sort());
  });

  it.each(workloads.map((d) => [d.metadata.name, d] as const))('%s runs as non-root with probes, resources, a Service and a PodDisruptionBudget', (name, d) => {
    const pod = d.spec.template.spec;
    const c = pod.containers[0];
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(c.livenessProbe.httpGet.path).toBe('/health');
    expect(c.readinessProbe.httpGet.path).toBe('/ready');
    expect(c.resources.requests.cpu).toBeTruthy();
    const labels = d.spec.selector.matchLabels;
    const selects = (sel: Record<string, string>) => Object.entries(labels).every(([k, v]) => sel?.[k] === v);
    expect(byKind('Service').some((s) => selects(s.spec.selector))).toBe(true);
    expect(byKind('PodDisruptionBudget').some((p) => selects(p.spec.selector.matchLabels))).toBe(true);
    if (name !== 'egov-registry') {
      expect(byKind('HorizontalPodAutoscaler').some((h) => h.spec.scaleTargetRef.name === name)).toBe(true);
    }
  });

  it('sets only variables the platform reads, and gives each part only the keys its job needs', () => {
    const config = byKind('ConfigMap').flatMap((c) => Object.keys(c.data ?? {}));
    const secrets = byKind('Secret').flatMap((s) => Object.keys(s.stringData ?? {}));
    for (const name of [...config, ...secrets]) expect(knownVariables, name).toContain(name);
    const keysOf = (part: string) =>
      workloads
        .find((d) => d.spec.template.spec.containers[0].args[0] === part)!
        .spec.template.spec.containers[0].env.filter((e: any) => e.valueFrom?.secretKeyRef?.name === 'egov-keys')
        .map((e: any) => e.name)
        .sort();
    expect(keysOf('gateway')).toEqual(['IDENTITY_SIGNING_KEYS', 'JWT_PUBLIC_KEY']);
    expect(keysOf('identity')).toEqual(['JWT_PRIVATE_KEY']);
    expect(keysOf('registry')).toEqual(['JWT_PUBLIC_KEY']);
    for (const part of ['publications', 'procedures', 'applications', 'feedback']) expect(keysOf(part)).toEqual([]);
  });
});

/** Docker Compose's own validator: the `docker compose` plugin, or Debian's docker-compose. */
function composeCommand(): string[] | null {
  if (spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0) return ['docker-compose'];
  return null;
}

describe('compose.yaml', () => {
  const compose = parse(readFileSync(path.join(ROOT, 'compose.yaml'), 'utf8'), { merge: true });
  const command = composeCommand();

  it.skipIf(!command)('is valid for Docker Compose (`config`)', { timeout: 180_000 }, () => {
    // Compose needs the env file it names; an empty one stands for the operator's keys.
    const dir = mkdtempSync(path.join(tmpdir(), 'egov-compose-'));
    try {
      copyFileSync(path.join(ROOT, 'compose.yaml'), path.join(dir, 'compose.yaml'));
      mkdirSync(path.join(dir, 'deploy'));
      copyFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), path.join(dir, 'deploy', 'nginx.conf'));
      writeFileSync(path.join(dir, '.env.keys'), '');
      const [bin, ...args] = command!;
      const out = execFileSync(bin, [...args, '-f', 'compose.yaml', 'config'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const resolved = parse(out);
      expect(Object.keys(resolved.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'registry', 'gateway-1', 'gateway-2', 'gateway-3', 'lb']));
      // The broken file is refused: the validator is no rubber stamp.
      writeFileSync(path.join(dir, 'compose.yaml'), readFileSync(path.join(ROOT, 'compose.yaml'), 'utf8').replace('restart: unless-stopped', 'restart: [unless-stopped]'));
      expect(spawnSync(bin, [...args, '-f', 'compose.yaml', 'config', '-q'], { cwd: dir }).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  if (!command) console.warn('compose.yaml: neither `docker compose` nor docker-compose is installed; its validation is skipped (.ci/run installs docker-compose)');

  it('runs PostgreSQL, Redis, the registry, every subgraph and three gateways behind a load balancer', () => {
    const services = compose.services as Record<string, { command?: string[]; environment?: Record<string, string> }>;
    const parts = Object.values(services).map((s) => s.command?.[0]).filter((p) => p && (PARTS as readonly string[]).includes(p));
    expect(parts.sort()).toEqual([...PARTS, 'gateway', 'gateway'].sort());
    const lb = readFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8');
    for (const g of ['gateway-1', 'gateway-2', 'gateway-3']) expect(lb).toContain(`server ${g}:4000`);
    for (const s of Object.values(services)) {
      for (const name of Object.keys(s.environment ?? {})) {
        if (!['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'].includes(name)) expect(knownVariables, name).toContain(name);
      }
    }
  });
});
