/**
 * Schema versions. A notes file says which version wrote it; older versions are migrated step by
 * step to the current one before validation, and the next save writes the current version. A
 * newer version is refused: rewriting it would drop whatever the newer format added.
 *
 * To add version 2: bump NOTES_SCHEMA_VERSION, change the schema, and register
 * `MIGRATIONS[1] = (v1) => v2` here, with a test that a v1 file reads back as v2.
 */
import { NOTES_SCHEMA_VERSION } from './model';

/** `MIGRATIONS[n]` turns a parsed version-n document into a version-(n+1) document. */
type Migration = (document: Record<string, unknown>) => Record<string, unknown>;
const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationResult = { ok: true; document: unknown; migratedFrom: number | null } | { ok: false; newer: boolean; message: string };

export function migrate(document: unknown, current = NOTES_SCHEMA_VERSION, migrations = MIGRATIONS): MigrationResult {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, newer: false, message: 'expected a JSON object with "schemaVersion", "article" and "notes"' };
  }
  const version = (document as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, newer: false, message: `"schemaVersion" must be a positive integer, found ${JSON.stringify(version) ?? 'nothing'}` };
  }
  if (version > current) {
    return {
      ok: false,
      newer: true,
      message: `written by a newer ClaimCheck (schema v${version}); this version reads v${current}`,
    };
  }
  let migrated = document as Record<string, unknown>;
  for (let v = version; v < current; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, newer: false, message: `no migration from schema v${v} to v${v + 1}` };
    migrated = { ...step(migrated), schemaVersion: v + 1 };
  }
  return { ok: true, document: migrated, migratedFrom: version === current ? null : version };
}
