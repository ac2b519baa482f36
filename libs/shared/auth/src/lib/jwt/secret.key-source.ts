import type { KeySource } from './key-source';

/** HS256 with one shared secret: development only (the config schema refuses it in production). */
export class SecretKeySource implements KeySource {
  readonly algorithms = ['HS256'] as const;
  readonly generation = 0;
  private readonly secret: Buffer;

  constructor(secret: string) {
    this.secret = Buffer.from(secret, 'utf8');
  }

  keyFor(): Promise<Buffer> {
    return Promise.resolve(this.secret);
  }
}
