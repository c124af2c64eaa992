// The shape of a hand-authored service in the demo pack: the service, its commitment, its
// process map (with staff scripts and kiosk wording) and, optionally, its training module.
import type { z } from 'zod';
import type {
  commitment,
  processMap,
  service,
  trainingModule,
} from '../../../shared/pack/schema.ts';

export interface AuthoredService {
  service: z.input<typeof service>;
  commitment: Omit<z.input<typeof commitment>, 'serviceId'>;
  processMap: Omit<z.input<typeof processMap>, 'serviceId'>;
  training?: Omit<z.input<typeof trainingModule>, 'serviceIds'>;
}
