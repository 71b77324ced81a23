import type { FieldNode, ValidationRule } from 'graphql';
import { eachReachableField, operationsToCheck, refusal } from './support';

/**
 * For callers who may not introspect: `__schema` or `__type` anywhere the operation reaches,
 * through inline and named fragments, is refused. `__typename` is not introspection.
 */
export const noIntrospectionRule =
  (operationName?: string): ValidationRule =>
  (context) => ({
    OperationDefinition(node) {
      if (!operationsToCheck(node, operationName)) return false;
      let found: FieldNode | undefined;
      eachReachableField(node.selectionSet, context, (field) => {
        if (field.name.value === '__schema' || field.name.value === '__type') found ??= field;
        return !found;
      });
      if (found) context.reportError(refusal('INTROSPECTION_DISABLED', 'Introspection is not available.', found));
      return false;
    },
  });
