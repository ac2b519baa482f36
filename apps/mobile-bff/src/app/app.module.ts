import { Module } from '@nestjs/common';
import { ConfigModule } from '@bff/config';
import { PlatformModule } from '@bff/platform';
import { ServiceClientsModule, serviceClientsOptionsFrom } from '@bff/service-clients';
import { ProductDetailsController } from './product-details/product-details.controller';
import { ProductDetailsService } from './product-details/product-details.service';
import { UsersController } from './users/users.controller';
import { MobileBffConfig, mobileBffConfigSchema } from './mobile-bff.config';

@Module({
  imports: [
    ConfigModule.forRoot({ schema: mobileBffConfigSchema, token: MobileBffConfig }),
    PlatformModule.forRoot({ service: 'mobile-bff' }),
    ServiceClientsModule.forRootAsync({
      inject: [MobileBffConfig],
      useFactory: (config: MobileBffConfig) => serviceClientsOptionsFrom(config),
    }),
  ],
  controllers: [ProductDetailsController, UsersController],
  providers: [ProductDetailsService],
})
export class AppModule {}
