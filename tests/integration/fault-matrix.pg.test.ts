// The fault matrix (issue 7) on PostgreSQL: a database of its own per fault, backed up with
// pg_dump and restored with pg_restore for fault 10. See fault-matrix.ts.
import { describeFaultMatrix, POSTGRES_STORE } from './fault-matrix.ts';

describeFaultMatrix(POSTGRES_STORE);
