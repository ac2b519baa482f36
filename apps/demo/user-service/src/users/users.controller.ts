import { Controller, Get, Param } from '@nestjs/common';
import type { User } from '@bff/downstream-contracts';
import { ResourceIdPipe } from '@bff/platform';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get(':id')
  get(@Param('id', ResourceIdPipe) id: string): User {
    return this.users.get(id);
  }
}
