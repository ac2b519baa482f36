import { Controller, Get, Inject } from '@nestjs/common';
import { SERVICE_NAME } from './service-name.token';

export interface HealthReport {
  status: 'ok';
  service: string;
  uptimeSeconds: number;
}

/** Liveness: answers as long as the process serves HTTP. Never rate-limited or cached. */
@Controller('health')
export class HealthController {
  constructor(@Inject(SERVICE_NAME) private readonly service: string) {}

  @Get()
  check(): HealthReport {
    return { status: 'ok', service: this.service, uptimeSeconds: Math.round(process.uptime()) };
  }
}
