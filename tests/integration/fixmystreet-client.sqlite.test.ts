import { describeFixMyStreetClient } from './fixmystreet-client.ts';

describeFixMyStreetClient('sqlite');
