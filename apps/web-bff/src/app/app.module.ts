import { Module } from '@nestjs/common';
import { ConfigModule } from '@bff/config';
import { PlatformModule } from '@bff/platform';
import { ServiceClientsModule, serviceClientsOptionsFrom } from '@bff/service-clients';
import { ProductDetailsController } from './product-details/product-details.controller';
import { ProductDetailsService } from './product-details/product-details.service';
import { UsersController } from './users/users.controller';
import { WebBffConfig, webBffConfigSchema } from './web-bff.config';

@Module({
  imports: [
    ConfigModule.forRoot({ schema: webBffConfigSchema, token: WebBffConfig }),
    PlatformModule.forRoot({ service: 'web-bff' }),
    ServiceClientsModule.forRootAsync({
      inject: [WebBffConfig],
      useFactory: (config: WebBffConfig) => serviceClientsOptionsFrom(config),
    }),
  ],
  controllers: [ProductDetailsController, UsersController],
  providers: [ProductDetailsService],
})
export class AppModule {}
