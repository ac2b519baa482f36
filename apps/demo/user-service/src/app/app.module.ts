import { Module } from '@nestjs/common';
import { ConfigModule } from '@bff/config';
import { DemoFaultsModule } from '@bff/demo-kit';
import { PlatformModule } from '@bff/platform';
import { CredentialsModule } from '../credentials/credentials.module';
import { UsersModule } from '../users/users.module';
import { UserServiceConfig, userServiceConfigSchema } from './user-service.config';

@Module({
  imports: [
    ConfigModule.forRoot({ schema: userServiceConfigSchema, token: UserServiceConfig }),
    PlatformModule.forRoot({ service: 'user-service' }),
    DemoFaultsModule,
    UsersModule,
    CredentialsModule,
  ],
})
export class AppModule {}
