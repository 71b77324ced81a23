import type { ValidationRule } from 'graphql';
import { eachReachableField, operationsToCheck, refusal } from './support';

/**
 * Root fields are counted by response key once fragments are flattened, the way execution
 * collects them: a fragment's 25 fields are 25, the same field spread twice is one.
 */
export const rootFieldsRule =
  (max: number, operationName?: string): ValidationRule =>
  (context) => ({
    OperationDefinition(node) {
      if (!operationsToCheck(node, operationName)) return false;
      const keys = new Set<string>();
      eachReachableField(node.selectionSet, context, (field) => {
        keys.add(field.alias?.value ?? field.name.value);
        return false;
      });
      if (keys.size > max) {
        context.reportError(refusal('TOO_MANY_ROOT_FIELDS', `The operation asks for ${keys.size} root fields; at most ${max} are allowed.`, node));
      }
      return false;
    },
  });
