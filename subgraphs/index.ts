import type { SubgraphModule } from './kit/module';
import { applications } from './applications/module';
import { feedback } from './feedback/module';
import { identity } from './identity/module';
import { procedures } from './procedures/module';
import { publications } from './publications/module';

/** The built-in subgraphs, by the names rover.yaml gives them. */
export const SUBGRAPHS: Record<string, SubgraphModule> = { identity, publications, procedures, applications, feedback };
