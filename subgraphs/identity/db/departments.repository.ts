import type { Db } from './users.repository';
import type { DepartmentRow } from './tables';

export function listDepartments(db: Db): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().orderBy('name').execute() as Promise<DepartmentRow[]>;
}

export function findDepartmentsByIds(db: Db, ids: readonly string[]): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().where('id', 'in', [...ids]).execute() as Promise<DepartmentRow[]>;
}

export function findDepartmentsByCodes(db: Db, codes: readonly string[]): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().where('code', 'in', [...codes]).execute() as Promise<DepartmentRow[]>;
}
