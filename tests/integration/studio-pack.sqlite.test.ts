import { describeStudioPack } from './studio-pack.ts';

describeStudioPack('sqlite');
