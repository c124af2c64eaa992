import { describeOpen311FixMyStreet } from './open311-fixmystreet.ts';

describeOpen311FixMyStreet('sqlite');
