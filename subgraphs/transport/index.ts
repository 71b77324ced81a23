import { runDepartmentSubgraph } from '../kit/standalone';
import { transport } from './module';

/** Listens; nothing else. `SUBGRAPH_NAME=transport IDENTITY_JWKS_URL=… SUBGRAPH_PORT=4010 npx tsx subgraphs/transport/index.ts` */
await runDepartmentSubgraph(transport);
