import { Injectable } from '@nestjs/common';
import type { User } from '@bff/downstream-contracts';
import { BffError } from '@bff/problem';
import { generateUsers } from './user.seed';

/** The demo users, seeded once at start-up. */
@Injectable()
export class UsersService {
  private readonly users: readonly User[] = generateUsers();
  private readonly byId = new Map(this.users.map((user) => [user.id, user]));

  get(id: string): User {
    const user = this.byId.get(id);
    if (!user) throw new BffError('NOT_FOUND', `No user with id "${id}".`);
    return user;
  }

  all(): readonly User[] {
    return this.users;
  }
}
