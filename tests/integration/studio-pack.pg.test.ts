import { describeStudioPack } from './studio-pack.ts';

describeStudioPack('postgres');
