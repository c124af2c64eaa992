// The fault matrix (issue 7) on the embedded SQLite store. See fault-matrix.ts.
import { describeFaultMatrix, SQLITE_STORE } from './fault-matrix.ts';

describeFaultMatrix(SQLITE_STORE);
