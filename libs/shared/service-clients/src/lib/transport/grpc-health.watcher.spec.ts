import { ReadinessDependencies } from '@bff/platform';
import { downstreamOptions } from '../../test/downstream-options';
import { GrpcInventoryStub } from '../../test/grpc-inventory-stub';
import type { ServiceClientsOptions } from '../service-clients.options';
import { GrpcClients } from './grpc-clients';
import { GrpcHealthWatcher } from './grpc-health.watcher';

describe('GrpcHealthWatcher', () => {
  let stub: GrpcInventoryStub;
  let clients: GrpcClients;
  let watcher: GrpcHealthWatcher;
  let readiness: ReadinessDependencies;

  const start = (target: string) => {
    const http = downstreamOptions('http://127.0.0.1:1');
    clients = new GrpcClients({
      product: http,
      review: http,
      inventory: downstreamOptions('http://127.0.0.1:1', { grpcTarget: target }),
      user: http,
      shipping: http,
    } satisfies ServiceClientsOptions);
    readiness = new ReadinessDependencies();
    watcher = new GrpcHealthWatcher(clients, readiness);
    watcher.onApplicationBootstrap();
  };

  beforeEach(async () => {
    stub = await GrpcInventoryStub.start();
  });

  afterEach(async () => {
    watcher.onApplicationShutdown();
    clients.onApplicationShutdown();
    await stub.stop();
  });

  it('registers each gRPC service as an optional readiness dependency, unknown until it answers', () => {
    start(stub.target);

    expect(readiness.snapshot()).toEqual({ states: { inventory: 'unknown' }, failing: [] });
  });

  it('reports a service that answers SERVING as up', async () => {
    start(stub.target);

    await watcher.checkAll();

    expect(readiness.snapshot().states).toEqual({ inventory: 'up' });
  });

  it('reports NOT_SERVING as down, and up again once it serves', async () => {
    start(stub.target);
    stub.serving = 'NOT_SERVING';

    await watcher.checkAll();
    expect(watcher.state('inventory')).toBe('down');

    stub.serving = 'SERVING';
    await watcher.checkAll();
    expect(watcher.state('inventory')).toBe('up');
  });

  it('reports a service that is not listening as down, without failing readiness', async () => {
    const gone = await GrpcInventoryStub.start();
    await gone.stop();
    start(gone.target);

    await watcher.checkAll();

    expect(readiness.snapshot()).toEqual({ states: { inventory: 'down' }, failing: [] });
  });
});
