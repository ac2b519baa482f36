import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { GATEWAYS, GatewayConfig } from './gateway-config';
import { kubernetesSchemaProblems, type TypeMeta } from './kubernetes-schema';
import { readYamlDocuments, yamlFilesUnder } from './yaml-files';

const K8S = 'deploy/k8s';
const KUSTOMIZATION = `${K8S}/kustomization.yaml`;

/** Time the app needs after the drain: closing Redis, the broker, and flushing spans (2 s). */
const CLOSE_MARGIN_SECONDS = 5;

interface Kustomization {
  resources: string[];
  images?: { name: string; newTag?: string }[];
}

const manifests = yamlFilesUnder(K8S)
  .filter((file) => file !== KUSTOMIZATION)
  .flatMap((file) => readYamlDocuments(file));
const objects = manifests.map((document) => document.content as TypeMeta & { metadata?: { name?: string } });

/** `value`, or a failure naming what is missing. */
function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
}

function only<T>(kind: string, name: string): T {
  const found = objects.filter((object) => object.kind === kind && object.metadata?.name === name);
  expect({ kind, name, count: found.length }).toEqual({ kind, name, count: 1 });
  return found[0] as T;
}

/** Whether `selector` (matchLabels) picks pods labelled `labels`. */
function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels?.[key] === value);
}

function portNumber(container: IContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((each) => each.name === port)?.containerPort;
}

function httpGet(probe: IProbe | undefined, container: IContainer) {
  return probe?.httpGet && { path: probe.httpGet.path, port: portNumber(container, probe.httpGet.port) };
}

describe('the Kubernetes manifests (deploy/k8s)', () => {
  it('are listed by kustomization.yaml, every file and nothing else', () => {
    const [{ content }] = readYamlDocuments(KUSTOMIZATION);
    const kustomization = content as Kustomization;
    const files = yamlFilesUnder(K8S).filter((file) => file !== KUSTOMIZATION);
    expect(kustomization.resources.map((resource) => `${K8S}/${resource}`).sort()).toEqual(files);
  });

  it('are each valid against the Kubernetes schema of its apiVersion and kind', () => {
    const problems = kubernetesSchemaProblems(objects);
    const where = manifests.map((document) => `${document.file} #${document.index + 1}`);
    expect(where.map((place, index) => ({ place, problems: problems[index] }))).toEqual(
      where.map((place) => ({ place, problems: [] })),
    );
  });

  it('carry only placeholder secrets, marked change-me', () => {
    for (const secret of objects.filter((object) => object.kind === 'Secret') as ISecret[]) {
      // Base64 `data` would hide what is committed; placeholders are readable stringData.
      expect({ secret: secret.metadata?.name, data: secret.data }).toEqual({
        secret: secret.metadata?.name,
        data: undefined,
      });
      for (const [key, value] of Object.entries(secret.stringData ?? {})) {
        expect({ key, placeholder: value.includes('change-me') }).toEqual({ key, placeholder: true });
      }
    }
  });

  describe.each(GATEWAYS)('%s', (gateway) => {
    let config: GatewayConfig;
    const deployment = () => only<IDeployment>('Deployment', gateway);
    const spec = () => present(deployment().spec, `${gateway} Deployment spec`);
    const pod = () => spec().template;
    const podSpec = () => present(pod().spec, `${gateway} pod spec`);
    const container = (): IContainer => {
      const containers = podSpec().containers;
      expect(containers).toHaveLength(1);
      return containers[0];
    };
    /** The variables the container starts with: every envFrom source, then env. */
    const environment = (): Record<string, string | undefined> => {
      const env: Record<string, string | undefined> = {};
      for (const source of container().envFrom ?? []) {
        if (source.configMapRef)
          Object.assign(env, only<IConfigMap>('ConfigMap', source.configMapRef.name ?? '').data);
        if (source.secretRef)
          Object.assign(env, only<ISecret>('Secret', source.secretRef.name ?? '').stringData);
      }
      for (const variable of container().env ?? []) {
        const configMapKey = variable.valueFrom?.configMapKeyRef;
        const secretKey = variable.valueFrom?.secretKeyRef;
        if (configMapKey)
          env[variable.name] = only<IConfigMap>('ConfigMap', configMapKey.name ?? '').data?.[
            configMapKey.key
          ];
        else if (secretKey)
          env[variable.name] = only<ISecret>('Secret', secretKey.name ?? '').stringData?.[secretKey.key];
        else env[variable.name] = variable.value ?? '';
      }
      return env;
    };

    beforeAll(async () => {
      config = await GatewayConfig.load(gateway);
    });

    it('runs two replicas, each from a pinned image', () => {
      expect(spec().replicas).toBe(2);
      expect(container().image).toMatch(/^[^:]+:(?!latest$)[\w.-]+$/);
    });

    it('reads every variable from a ConfigMap or Secret that exists, and the key it names, and nothing else', () => {
      const env = environment();
      expect(Object.entries(env).filter(([, value]) => value === undefined)).toEqual([]);
      expect(container().envFrom?.length).toBeGreaterThan(0);
      // Service links would add a variable per Service in the namespace, unchecked.
      expect(podSpec().enableServiceLinks).toBe(false);
    });

    it('is configured as the gateway accepts in production: its schema parses the ConfigMap and Secret, every name known', () => {
      const env = environment();
      expect(env['NODE_ENV']).toBe('production');
      expect(config.problems(env)).toEqual([]);
    });

    it('trusts X-Forwarded-For only from the proxies in front (TRUSTED_PROXIES set), never from everyone', () => {
      const proxies = environment()['TRUSTED_PROXIES'] ?? '';
      expect(proxies.trim()).not.toBe('');
      expect(proxies.split(/[\s,]+/)).not.toEqual(expect.arrayContaining(['0.0.0.0/0']));
      expect(proxies.split(/[\s,]+/)).not.toEqual(expect.arrayContaining(['::/0']));
    });

    it('listens where the probes, the Service and the scraper reach it: named ports equal to PORT and METRICS_PORT', () => {
      const env = environment();
      expect({ HOST: env['HOST'], METRICS_HOST: env['METRICS_HOST'] }).toEqual({
        HOST: '0.0.0.0',
        METRICS_HOST: '0.0.0.0',
      });
      expect(portNumber(container(), 'http')).toBe(Number(env['PORT']));
      expect(portNumber(container(), 'metrics')).toBe(Number(env['METRICS_PORT']));
    });

    it('is probed on /health/ready for readiness and /health/live for liveness (and start-up), on the app port', () => {
      const appPort = Number(environment()['PORT']);
      const { readinessProbe, livenessProbe, startupProbe } = container();
      expect(httpGet(readinessProbe, container())).toEqual({ path: '/health/ready', port: appPort });
      expect(httpGet(livenessProbe, container())).toEqual({ path: '/health/live', port: appPort });
      if (startupProbe)
        expect(httpGet(startupProbe, container())).toEqual({ path: '/health/live', port: appPort });
    });

    it('waits in preStop, then has time to drain before it is killed', () => {
      const command = container().lifecycle?.preStop?.exec?.command ?? [];
      expect(command).toEqual(['sleep', expect.stringMatching(/^\d+$/)]);
      const preStopSeconds = Number(command[1]);
      expect(preStopSeconds).toBeGreaterThan(0);
      const drainSeconds = Number(environment()['SHUTDOWN_DRAIN_MS'] ?? 10_000) / 1000;
      expect(podSpec().terminationGracePeriodSeconds).toBeGreaterThanOrEqual(
        preStopSeconds + drainSeconds + CLOSE_MARGIN_SECONDS,
      );
    });

    it('requests and limits CPU and memory', () => {
      const { requests, limits } = container().resources ?? {};
      expect({
        requests: Object.keys(requests ?? {}).sort(),
        limits: Object.keys(limits ?? {}).sort(),
      }).toEqual({
        requests: ['cpu', 'memory'],
        limits: ['cpu', 'memory'],
      });
    });

    it('runs as a non-root user with a read-only root filesystem and no capabilities', () => {
      const podContext = podSpec().securityContext ?? {};
      const context = container().securityContext ?? {};
      expect(context.runAsNonRoot ?? podContext.runAsNonRoot).toBe(true);
      expect(context.runAsUser ?? podContext.runAsUser).toBeGreaterThan(0);
      expect(context.readOnlyRootFilesystem).toBe(true);
      expect(context.allowPrivilegeEscalation).toBe(false);
      expect(context.capabilities?.drop).toEqual(['ALL']);
      // Node's compile cache, and anything else written, go to the temp dir.
      const tmp = container().volumeMounts?.find((mount) => mount.mountPath === '/tmp');
      const volume = podSpec().volumes?.find((each) => each.name === tmp?.name);
      expect(volume?.emptyDir).toBeDefined();
    });

    it('is selected by its Deployment, Service and disruption budget, and by nothing of the other gateway', () => {
      const labels = pod().metadata?.labels;
      expect(selects(spec().selector.matchLabels, labels)).toBe(true);
      const service = only<IService>('Service', gateway);
      expect(service.spec?.type ?? 'ClusterIP').toBe('ClusterIP');
      expect(selects(service.spec?.selector, labels)).toBe(true);
      expect(
        selects(
          only<IPodDisruptionBudget>('PodDisruptionBudget', gateway).spec?.selector?.matchLabels,
          labels,
        ),
      ).toBe(true);
      for (const other of GATEWAYS.filter((name) => name !== gateway)) {
        const otherLabels = only<IDeployment>('Deployment', other).spec?.template.metadata?.labels;
        expect(selects(service.spec?.selector, otherLabels)).toBe(false);
      }
    });

    it('exposes the app port and the metrics port, named, through its Service', () => {
      const service = only<IService>('Service', gateway);
      const targets = (service.spec?.ports ?? []).map((port) => ({
        name: port.name,
        target: portNumber(container(), port.targetPort),
      }));
      expect(targets).toEqual([
        { name: 'http', target: portNumber(container(), 'http') },
        { name: 'metrics', target: portNumber(container(), 'metrics') },
      ]);
    });

    it('keeps at least one replica through voluntary disruptions (PodDisruptionBudget minAvailable 1)', () => {
      expect(only<IPodDisruptionBudget>('PodDisruptionBudget', gateway).spec?.minAvailable).toBe(1);
    });

    it('scales its Deployment on CPU, from two replicas up', () => {
      const autoscaler = only<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler', gateway);
      expect(autoscaler.spec?.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: gateway,
      });
      expect(autoscaler.spec?.minReplicas).toBeGreaterThanOrEqual(2);
      expect(autoscaler.spec?.maxReplicas).toBeGreaterThan(autoscaler.spec?.minReplicas ?? 1);
      expect(autoscaler.spec?.metrics?.map((metric) => metric.resource?.name)).toContain('cpu');
    });

    it('pulls the image the kustomization pins', () => {
      const [{ content }] = readYamlDocuments(KUSTOMIZATION);
      const images = (content as Kustomization).images ?? [];
      const [name] = (container().image ?? '').split(':');
      expect(images.map((image) => image.name)).toContain(name);
    });
  });
});
