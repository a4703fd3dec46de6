/**
 * Static checks of the deployment files: the k8s/ manifests.
 *
 * Nothing here needs Docker or a cluster. Every Kubernetes object is validated against the
 * official OpenAPI schema (via `kubernetes-models`), and the manifests are cross-checked against
 * each other (ports, labels, secrets, probes, memory) and against the application's real health
 * routes, read from the controller's source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Json,
  K8S_DIR,
  KUSTOMIZATION_FILE,
  Located,
  ROOT,
  SECRET_NAMES,
  all,
  apiContainer,
  appSeconds,
  config,
  configMap,
  containerPortNumber,
  deployment,
  envEntries,
  executorDeployment,
  healthRoutes,
  k8sBytes,
  k8sFiles,
  kustomization,
  kustomizationDocs,
  located,
  migrationJob,
  modelFor,
  objects,
  one,
  podSpec,
  read,
  requiredMemory,
  secret,
  selects,
} from './manifests';

describe('k8s manifests: parsing and schemas', () => {
  it('has YAML files to check', () => {
    expect(k8sFiles).toContain(KUSTOMIZATION_FILE);
    expect(objects.length).toBeGreaterThan(10);
  });

  it('every document is a named Kubernetes object', () => {
    for (const { file, index, object } of located) {
      const where = `${file}#${index}`;
      expect({ where, apiVersion: typeof object.apiVersion, kind: typeof object.kind }).toEqual({
        where,
        apiVersion: 'string',
        kind: 'string',
      });
      expect({ where, name: object.metadata?.name }).toEqual({ where, name: expect.stringMatching(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/) });
    }
  });

  it.each(located.map((entry) => [`${entry.file}#${entry.index} ${entry.object.kind}/${entry.object.metadata?.name}`, entry]))(
    '%s validates against its OpenAPI schema',
    (_label, entry) => {
      const { apiVersion, kind } = (entry as Located).object;
      const Model = modelFor(apiVersion, kind);
      if (!Model) throw new Error(`unknown kind ${apiVersion} ${kind} (no schema in kubernetes-models)`);
      expect(() => new Model((entry as Located).object).validate()).not.toThrow();
    },
  );

  it('the schema check does reject invalid objects (it is not a no-op)', () => {
    const Model = modelFor('apps/v1', 'Deployment')!;
    const broken = JSON.parse(JSON.stringify(deployment));
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'eighty';
    expect(() => new Model(broken).validate()).toThrow(/containerPort/);
    expect(modelFor('apps/v1', 'PodSpec')).toBeUndefined();
    expect(modelFor('example.com/v1', 'Widget')).toBeUndefined();
  });

  it('contains every kind of the deployment', () => {
    const kinds = new Set(objects.map((object) => object.kind));
    for (const kind of [
      'Namespace',
      'ConfigMap',
      'Secret',
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'NetworkPolicy',
      'Job',
      'StatefulSet',
    ]) {
      expect({ kind, present: kinds.has(kind) }).toEqual({ kind, present: true });
    }
  });

  it('object names are unique per kind', () => {
    const seen = new Set<string>();
    for (const object of objects) {
      const key = `${object.kind}/${object.metadata.name}`;
      expect({ key, duplicate: seen.has(key) }).toEqual({ key, duplicate: false });
      seen.add(key);
    }
  });

  it('everything lives in the wasmwiz namespace', () => {
    expect(one('Namespace').metadata.name).toBe('wasmwiz');
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) {
      expect({ object: `${object.kind}/${object.metadata.name}`, ns: object.metadata.namespace ?? 'wasmwiz' }).toEqual({
        object: `${object.kind}/${object.metadata.name}`,
        ns: 'wasmwiz',
      });
    }
  });
});

describe('k8s/kustomization.yaml', () => {
  it('is a Kustomization for the wasmwiz namespace', () => {
    expect(kustomizationDocs).toHaveLength(1);
    expect(kustomization.apiVersion).toBe('kustomize.config.k8s.io/v1beta1');
    expect(kustomization.kind).toBe('Kustomization');
    expect(kustomization.namespace).toBe('wasmwiz');
  });

  it('lists every manifest in k8s/ and nothing that does not exist, but the Secret template (an apply would overwrite the Secret made with kubectl)', () => {
    const listed = [...(kustomization.resources as string[])].sort();
    expect(listed).toEqual(k8sFiles.filter((name) => name !== KUSTOMIZATION_FILE && name !== 'secret.yaml'));
    expect(read('k8s', KUSTOMIZATION_FILE)).toMatch(/^ {2}# - secret\.yaml$/m);
  });

  it('its image override names the image the API and the migration Job use', () => {
    const names = (kustomization.images as Json[]).map((image) => image.name);
    const imageName = (image: string) => image.replace(/@.*$/, '').replace(/:[^/:]+$/, '');
    expect(names).toContain(imageName(apiContainer.image));
    expect(imageName(migrationJob.spec.template.spec.containers[0].image)).toBe(imageName(apiContainer.image));
  });
});

describe('k8s: the API Deployment', () => {
  it('runs at least 2 replicas and rolls out without losing capacity', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy.type).toBe('RollingUpdate');
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(Number(deployment.spec.strategy.rollingUpdate.maxSurge)).toBeGreaterThanOrEqual(1);
    expect(selects(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
  });

  it('runs as a non-root user with a read-only root filesystem and no privileges', () => {
    const pod = podSpec.securityContext ?? {};
    const container = apiContainer.securityContext ?? {};
    expect(container.runAsNonRoot ?? pod.runAsNonRoot).toBe(true);
    const uid = container.runAsUser ?? pod.runAsUser;
    expect(typeof uid).toBe('number');
    expect(uid).not.toBe(0);
    expect(container.readOnlyRootFilesystem).toBe(true);
    expect(container.allowPrivilegeEscalation).toBe(false);
    expect(container.privileged ?? false).toBe(false);
    expect(container.capabilities?.drop).toEqual(expect.arrayContaining(['ALL']));
    expect(container.capabilities?.add ?? []).toEqual([]);
    expect((container.seccompProfile ?? pod.seccompProfile)?.type).toBe('RuntimeDefault');
    expect(podSpec.automountServiceAccountToken).toBe(false);
    expect(podSpec.hostNetwork ?? false).toBe(false);
  });

  it('has a writable /tmp volume (emptyDir), and DATA_DIR lives under it', () => {
    const mount = (apiContainer.volumeMounts as Json[]).find((m) => m.mountPath === '/tmp');
    expect(mount).toBeDefined();
    expect(mount.readOnly ?? false).toBe(false);
    const volume = (podSpec.volumes as Json[]).find((v) => v.name === mount.name);
    expect(volume?.emptyDir).toBeDefined();
    expect(config.DATA_DIR.startsWith('/tmp/')).toBe(true);
  });

  it('gives in-flight executions time to finish on shutdown', () => {
    const timeoutSeconds = appSeconds(config.EXECUTION_TIMEOUT);
    expect(timeoutSeconds).toBeGreaterThan(0);
    const grace = podSpec.terminationGracePeriodSeconds as number;
    expect(grace).toBeGreaterThanOrEqual(30);
    expect(grace).toBeGreaterThan(timeoutSeconds + 5);
    // The preStop wait counts against the grace period, and must leave room for the drain.
    const preStop = apiContainer.lifecycle?.preStop;
    expect(preStop).toBeDefined();
    let preStopSeconds = 0;
    if (preStop.sleep) preStopSeconds = preStop.sleep.seconds;
    else {
      const command = (preStop.exec?.command as string[]).join(' ');
      const ms = /setTimeout\([^,]+,\s*(\d+)\s*\)/.exec(command);
      const sleep = /\bsleep\s+(\d+)/.exec(command);
      preStopSeconds = ms ? Number(ms[1]) / 1000 : sleep ? Number(sleep[1]) : NaN;
      // The runtime image has node, not necessarily a shell.
      if (!sleep) expect(preStop.exec.command[0]).toBe('node');
    }
    expect(preStopSeconds).toBeGreaterThanOrEqual(2);
    expect(grace).toBeGreaterThan(preStopSeconds + timeoutSeconds + 5);
  });

  it('listens on SERVER_PORT as the container port "http", on all interfaces', () => {
    const port = Number(config.SERVER_PORT);
    expect(port).toBe(8080);
    expect(config.SERVER_HOST).toBe('0.0.0.0');
    expect(apiContainer.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: port })]);
  });

  it('probes the real health routes of the application on the container port', () => {
    const routes = healthRoutes();
    const live = routes.get('live');
    const ready = routes.get('ready');
    expect(live).toBe('/health/live');
    expect(ready).toBe('/health/ready');

    expect(apiContainer.livenessProbe.httpGet.path).toBe(live);
    expect(apiContainer.readinessProbe.httpGet.path).toBe(ready);
    expect(apiContainer.startupProbe.httpGet.path).toBe(live);
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      expect({ probe, port: containerPortNumber(apiContainer, apiContainer[probe].httpGet.port) }).toEqual({
        probe,
        port: Number(config.SERVER_PORT),
      });
    }
  });

  it('the health routes are not moved by a global prefix', () => {
    const sources = ['main.ts', 'app.factory.ts'].map((file) => join(ROOT, 'src', file)).filter(existsSync);
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      const prefix = /setGlobalPrefix\(([\s\S]*?)\)\s*;/.exec(text);
      if (prefix) expect({ file, excludesHealth: /health/.test(prefix[1]) }).toEqual({ file, excludesHealth: true });
    }
  });

  it('takes its settings from the ConfigMap and its secrets from the Secret', () => {
    expect(apiContainer.envFrom).toEqual(
      expect.arrayContaining([{ configMapRef: expect.objectContaining({ name: configMap.metadata.name }) }]),
    );
    const env = envEntries(apiContainer);
    for (const name of SECRET_NAMES) {
      const entry = env.find((e) => e.name === name);
      const fromSecretRef = (apiContainer.envFrom as Json[]).some((e) => e.secretRef?.name === secret.metadata.name);
      expect({ name, fromSecret: entry?.valueFrom?.secretKeyRef?.name === secret.metadata.name || (!entry && fromSecretRef) }).toEqual({
        name,
        fromSecret: true,
      });
    }
  });

  it('sizes an api pod for HTTP: one idle pool thread, memory for uploads in flight (see its "Memory arithmetic")', () => {
    expect(envEntries(apiContainer).find((e: Json) => e.name === 'WORKER_THREADS')?.value).toBe('1');
    const limit = k8sBytes(apiContainer.resources.limits.memory);
    expect(k8sBytes(apiContainer.resources.requests.memory)).toBeLessThanOrEqual(limit);
    expect(limit).toBeGreaterThanOrEqual(1.5 * 1024 ** 3);
    expect(apiContainer.resources.requests.cpu).toBeDefined();
  });
});

/** WORKER_THREADS × (MEMORY_LIMIT + 160 MiB) + 384 MiB + MODULE_CACHE_SIZE + queue × (module + input). */

describe('k8s: secrets stay secret', () => {
  it('no secret is a literal value in a workload or in the ConfigMap', () => {
    for (const name of SECRET_NAMES) {
      expect({ name, inConfigMap: name in config }).toEqual({ name, inConfigMap: false });
    }
    for (const workload of [...all('Deployment'), ...all('Job'), ...all('StatefulSet')]) {
      const spec = workload.spec.template.spec;
      for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        for (const entry of envEntries(container)) {
          if (SECRET_NAMES.includes(entry.name) || /PASSWORD|TOKEN|SALT|SECRET/.test(entry.name)) {
            expect({ workload: workload.metadata.name, env: entry.name, literal: 'value' in entry }).toEqual({
              workload: workload.metadata.name,
              env: entry.name,
              literal: false,
            });
          }
        }
      }
    }
  });

  it('the Secret is a template with REPLACE_ME placeholders for the real secrets', () => {
    expect(secret.metadata.name).toBe('wasmwiz-secrets');
    const data = secret.stringData as Record<string, string>;
    for (const name of SECRET_NAMES) expect(Object.keys(data)).toContain(name);
    for (const name of ['API_SALT', 'ADMIN_TOKEN', 'DATABASE_URL']) expect(data[name]).toContain('REPLACE_ME');
    expect(readFileSync(join(K8S_DIR, 'secret.yaml'), 'utf8')).toMatch(/kubectl[\s\S]*create secret generic wasmwiz-secrets/);
  });

  it('every secretKeyRef points at a key the Secret defines', () => {
    const keys = new Set(Object.keys({ ...(secret.data ?? {}), ...(secret.stringData ?? {}) }));
    for (const workload of [...all('Deployment'), ...all('Job'), ...all('StatefulSet')]) {
      for (const container of workload.spec.template.spec.containers) {
        for (const entry of envEntries(container)) {
          const ref = entry.valueFrom?.secretKeyRef;
          if (!ref) continue;
          expect({ workload: workload.metadata.name, ref: `${ref.name}/${ref.key}` }).toEqual({
            workload: workload.metadata.name,
            ref: `${secret.metadata.name}/${ref.key}`,
          });
          expect(keys.has(ref.key)).toBe(true);
        }
      }
    }
  });
});

/** A container's env besides what each workload sets for itself: its role, and the api pods' one pool thread. */
const others = (container: Json) =>
  envEntries(container)
    .filter((e: Json) => e.name !== 'WASMWIZ_ROLE' && e.name !== 'WORKER_THREADS')
    .map((e: Json) => JSON.stringify(e))
    .sort();

describe('k8s: the executors, scaled apart from the API', () => {
  const executorPod = executorDeployment.spec.template.spec as Json;
  const executorContainer = executorPod.containers[0] as Json;
  const roleOf = (container: Json) => envEntries(container).find((e: Json) => e.name === 'WASMWIZ_ROLE')?.value;
  const executorLabels = executorDeployment.spec.template.metadata.labels as Record<string, string>;

  it('the API runs WASMWIZ_ROLE=api and the executors WASMWIZ_ROLE=executor, from the same image, settings and secrets', () => {
    expect(roleOf(apiContainer)).toBe('api');
    expect(roleOf(executorContainer)).toBe('executor');
    expect(executorContainer.image).toBe(apiContainer.image);
    expect(executorContainer.envFrom).toEqual(apiContainer.envFrom);
    expect(others(executorContainer)).toEqual(others(apiContainer));
    expect(executorContainer.securityContext).toEqual(apiContainer.securityContext);
    expect(executorPod.securityContext).toEqual(podSpec.securityContext);
  });

  it('sizes executor memory for the worker threads (see its "Memory arithmetic")', () => {
    expect(config.WORKER_THREADS).toMatch(/^\d+$/); // explicit: the default counts the node's CPUs
    const limit = k8sBytes(executorContainer.resources.limits.memory);
    expect(k8sBytes(executorContainer.resources.requests.memory)).toBeLessThanOrEqual(limit);
    expect(limit).toBeGreaterThanOrEqual(requiredMemory(config));
    // The floor the design card gives: 4 threads at 128 MB need at least ~1.5 GiB.
    expect(limit).toBeGreaterThanOrEqual(1.5 * 1024 ** 3);
  });

  it('executor pods are their own: the API Service and PDB do not select them, their probes are the health routes', () => {
    expect(selects(executorDeployment.spec.selector.matchLabels, executorLabels)).toBe(true);
    expect(selects(executorDeployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(false);
    expect(selects(one('Service', 'wasmwiz').spec.selector, executorLabels)).toBe(false);
    expect(selects(one('PodDisruptionBudget').spec.selector.matchLabels, executorLabels)).toBe(false);
    expect(executorContainer.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(executorContainer.livenessProbe.httpGet.path).toBe('/health/live');
    expect(executorDeployment.spec.template.metadata.annotations['prometheus.io/path']).toBe('/metrics');
  });

  it('has an HPA of its own, on CPU, with the depth of the execution queue ready to uncomment once an adapter serves it', () => {
    const hpa = one('HorizontalPodAutoscaler', 'wasmwiz-executor');
    expect(hpa.spec.scaleTargetRef).toEqual(expect.objectContaining({ apiVersion: 'apps/v1', kind: 'Deployment', name: executorDeployment.metadata.name }));
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(1);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    const metrics = hpa.spec.metrics as Json[];
    expect(metrics.find((m) => m.type === 'Resource')?.resource.name).toBe('cpu');
    // An HPA with a metric it cannot read never scales down: the External one is opt-in.
    expect(metrics.find((m) => m.type === 'External')).toBeUndefined();
    const commented = read('k8s', 'executor-hpa.yaml').split('\n').filter((line) => /^\s*# /.test(line)).map((line) => line.replace(/^(\s*)# /, '$1')).join('\n');
    expect(commented).toMatch(/- type: External\n\s+external:\n\s+metric:\n\s+name: wasmwiz_job_queue_depth/);
    // The metric the HPA reads is one the service exports.
    expect(read('src', 'jobs', 'queue-metrics.ts')).toContain("'wasmwiz_job_queue_depth'");
  });

  it('executors reach Postgres, Redis, DNS and HTTPS outside the cluster only, never private or metadata addresses', () => {
    const policies = all('NetworkPolicy').filter((p) => Object.keys(p.spec.podSelector.matchLabels ?? {}).length > 0 && selects(p.spec.podSelector.matchLabels, executorLabels));
    expect(policies).toHaveLength(1);
    const egress = policies[0].spec.egress as Json[];
    const https = egress.find((rule) => rule.ports.some((port: Json) => port.port === 443));
    expect(https.to[0].ipBlock.except).toEqual(expect.arrayContaining(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16']));
    const ingressFrom = (name: string) => (all('NetworkPolicy').find((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === name)!.spec.ingress as Json[]).flatMap((rule) => rule.from);
    for (const store of ['postgres', 'redis']) expect(ingressFrom(store).some((from: Json) => selects(from.podSelector.matchLabels, executorLabels))).toBe(true);
  });
});

describe('k8s: Service, HPA, PDB, NetworkPolicy', () => {
  const apiLabels = deployment.spec.template.metadata.labels as Record<string, string>;

  it('the Service selects the API pods and targets the container port', () => {
    const service = one('Service', 'wasmwiz');
    expect(service.spec.type ?? 'ClusterIP').toBe('ClusterIP');
    expect(selects(service.spec.selector, apiLabels)).toBe(true);
    const [port] = service.spec.ports as Json[];
    expect(port.port).toBe(80);
    expect(containerPortNumber(apiContainer, port.targetPort)).toBe(Number(config.SERVER_PORT));
  });

  it('the HPA scales the Deployment on CPU between 2 and 10 replicas', () => {
    const hpa = one('HorizontalPodAutoscaler', 'wasmwiz');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual(
      expect.objectContaining({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name }),
    );
    expect(hpa.spec.minReplicas).toBe(2);
    expect(hpa.spec.maxReplicas).toBe(10);
    const cpu = (hpa.spec.metrics as Json[]).find((m) => m.type === 'Resource' && m.resource.name === 'cpu');
    expect(cpu.resource.target).toEqual({ type: 'Utilization', averageUtilization: 70 });
    expect(Number(config.INSTANCE_COUNT)).toBe(hpa.spec.minReplicas);
  });

  it('the PDB keeps at least one API pod', () => {
    const pdb = one('PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(selects(pdb.spec.selector.matchLabels, apiLabels)).toBe(true);
  });

  it('the API may only receive on 8080 and only reach Postgres, Redis and DNS', () => {
    const policies = all('NetworkPolicy').filter((p) => selects(p.spec.podSelector.matchLabels, apiLabels));
    expect(policies).toHaveLength(1);
    const [policy] = policies;
    expect(policy.spec.policyTypes).toEqual(expect.arrayContaining(['Ingress', 'Egress']));
    const ingressPorts = (policy.spec.ingress as Json[]).flatMap((rule) => rule.ports ?? [{ port: 'ANY' }]);
    expect(ingressPorts).toEqual([{ protocol: 'TCP', port: Number(config.SERVER_PORT) }]);

    const byPort = new Map<string, Json[]>();
    for (const rule of policy.spec.egress as Json[]) {
      expect(rule.to?.length).toBeGreaterThan(0); // no "to anywhere"
      expect(rule.ports?.length).toBeGreaterThan(0); // no "any port"
      for (const port of rule.ports) byPort.set(`${port.protocol}/${port.port}`, rule.to);
    }
    expect([...byPort.keys()].sort()).toEqual(['TCP/5432', 'TCP/53', 'TCP/6379', 'UDP/53'].sort());
    const podTarget = (key: string) => byPort.get(key)![0].podSelector?.matchLabels?.['app.kubernetes.io/name'];
    expect(podTarget('TCP/5432')).toBe('postgres');
    expect(podTarget('TCP/6379')).toBe('redis');
    for (const key of ['UDP/53', 'TCP/53']) {
      expect(byPort.get(key)![0].namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name']).toBe('kube-system');
    }
  });

  it('the NetworkPolicy selectors match the Postgres and Redis pods', () => {
    const statefulLabels = (name: string) => one('StatefulSet', name).spec.template.metadata.labels;
    const apiPolicy = all('NetworkPolicy').find((p) => selects(p.spec.podSelector.matchLabels, apiLabels))!;
    const egressTo = (port: number) =>
      (apiPolicy.spec.egress as Json[]).find((rule) => rule.ports.some((p: Json) => p.port === port)).to[0].podSelector.matchLabels;
    expect(selects(egressTo(5432), statefulLabels('postgres'))).toBe(true);
    expect(selects(egressTo(6379), statefulLabels('redis'))).toBe(true);
    const migrateLabels = migrationJob.spec.template.metadata.labels;
    expect(all('NetworkPolicy').some((p) => selects(p.spec.podSelector.matchLabels, migrateLabels))).toBe(true);
  });
});

describe('k8s: migration Job', () => {
  const spec = migrationJob.spec.template.spec as Json;
  const container = spec.containers[0] as Json;

  it('runs the migrations with the API image', () => {
    expect(container.command ?? container.args).toEqual(['node', 'dist/src/database/migrate.js']);
    expect(container.image).toBe(apiContainer.image);
    expect(spec.restartPolicy).toMatch(/^(Never|OnFailure)$/);
    expect(migrationJob.spec.backoffLimit).toBeGreaterThanOrEqual(1);
    expect(migrationJob.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
  });

  it('has the same settings, secrets and security context as the API', () => {
    expect(container.envFrom).toEqual(apiContainer.envFrom);
    // The role is each Deployment's own; the migration Job only migrates.
    expect(others(container)).toEqual(others(apiContainer));
    expect(container.securityContext).toEqual(apiContainer.securityContext);
    expect(spec.securityContext).toEqual(podSpec.securityContext);
    expect((container.volumeMounts as Json[]).some((m) => m.mountPath === '/tmp')).toBe(true);
  });
});

describe('k8s: bundled Postgres and Redis', () => {
  it.each(['postgres', 'redis'])('%s is a StatefulSet with a volume template, a Service and a non-root context', (name) => {
    const set = one('StatefulSet', name);
    expect(set.spec.volumeClaimTemplates?.length).toBeGreaterThan(0);
    const governing = one('Service', set.spec.serviceName);
    expect(selects(governing.spec.selector, set.spec.template.metadata.labels)).toBe(true);
    const client = one('Service', name);
    expect(selects(client.spec.selector, set.spec.template.metadata.labels)).toBe(true);
    const container = set.spec.template.spec.containers[0];
    const pod = set.spec.template.spec.securityContext ?? {};
    expect(container.securityContext?.runAsNonRoot ?? pod.runAsNonRoot).toBe(true);
    expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
    expect(container.securityContext?.capabilities?.drop).toContain('ALL');
    expect(container.readinessProbe).toBeDefined();
    expect(container.resources?.limits?.memory).toBeDefined();
  });

  it('the default DATABASE_URL and REDIS_URL point at the bundled services', () => {
    const data = secret.stringData as Record<string, string>;
    expect(new URL(data.DATABASE_URL).hostname).toBe('postgres');
    expect(new URL(data.DATABASE_URL).port).toBe('5432');
    expect(new URL(data.REDIS_URL).hostname).toBe('redis');
  });
});

// ---------------------------------------------------------------------------------------------
