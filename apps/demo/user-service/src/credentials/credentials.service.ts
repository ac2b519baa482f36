import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { BffError } from '@bff/problem';
import { UsersService } from '../users/users.service';
import { type PasswordHash, hashPassword, verifyPassword } from './password-hash';

/** Every demo account's password. Documented, so anyone can sign in as any demo user. */
export const DEMO_PASSWORD = 'demo-password';

interface Account {
  userId: string;
  password: PasswordHash;
}

/** Checks an email and password against the demo accounts' salted hashes. */
@Injectable()
export class CredentialsService implements OnModuleInit {
  private readonly accounts = new Map<string, Account>();
  /** Checked against when the email is unknown, so both cases cost one scrypt. */
  private decoy: PasswordHash | undefined;

  constructor(private readonly users: UsersService) {}

  /** Nest awaits this before the app listens, so no request meets a half-built store. */
  async onModuleInit(): Promise<void> {
    const hashes = await Promise.all(this.users.all().map(() => hashPassword(DEMO_PASSWORD)));
    this.users.all().forEach((user, index) => {
      const password = hashes[index];
      if (password) this.accounts.set(normalizeEmail(user.email), { userId: user.id, password });
    });
    this.decoy = await hashPassword(randomBytes(16).toString('hex'));
  }

  /** The user's id, or a 401 that reads the same whether the email or the password was wrong. */
  async verify(email: string, password: string): Promise<{ userId: string }> {
    const account = this.accounts.get(normalizeEmail(email));
    const hash = account?.password ?? this.decoy;
    const matches = hash !== undefined && (await verifyPassword(password, hash));
    if (!account || !matches) throw new BffError('UNAUTHORIZED', 'Email or password is incorrect.');
    return { userId: account.userId };
  }
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
