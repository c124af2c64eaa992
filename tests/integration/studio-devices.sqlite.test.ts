import { describeStudioDevices } from './studio-devices.ts';

describeStudioDevices('sqlite');
