import { Module } from '@nestjs/common';
import { ConfigModule } from '@bff/config';
import { DemoFaultsModule } from '@bff/demo-kit';
import { PlatformModule } from '@bff/platform';
import { ReviewCommandsModule } from '../review-commands/review-commands.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { ReviewServiceConfig, reviewServiceConfigSchema } from './review-service.config';

@Module({
  imports: [
    ConfigModule.forRoot({ schema: reviewServiceConfigSchema, token: ReviewServiceConfig }),
    PlatformModule.forRoot({ service: 'review-service' }),
    DemoFaultsModule,
    ReviewsModule,
    ReviewCommandsModule,
  ],
})
export class AppModule {}
