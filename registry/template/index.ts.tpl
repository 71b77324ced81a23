import { runDepartmentSubgraph } from '../kit/standalone';
import { __camel__ } from './module';

/** Listens; nothing else. `SUBGRAPH_NAME=__name__ IDENTITY_JWKS_URL=… SUBGRAPH_PORT=4010 npx tsx subgraphs/__name__/index.ts` */
await runDepartmentSubgraph(__camel__);
