import { describeStudioPeople } from './studio-people.ts';

describeStudioPeople('postgres');
