/**
 * The server's one settings reader: `parseSettings(raw)` turns whatever the client (or an LSP
 * editor's `initializationOptions`/`workspace/configuration`) sends into a complete, valid
 * `ClaimCheckSettings`. Wrong types fall back to the default and produce a warning to log.
 */
import {
  CLAIM_KINDS,
  DEFAULT_SETTINGS,
  GIT_REF_PATTERN,
  type ClaimCheckSettings,
  type ClaimKind,
  type NotesLocation,
  type RunMode,
  type SeverityName,
} from './contract';

const SEVERITIES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint', 'none'];
const RUN_MODES: readonly RunMode[] = ['onType', 'onSave', 'manual'];

export interface ParsedSettings {
  settings: ClaimCheckSettings;
  warnings: string[];
}

type Raw = Record<string, unknown>;

function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isKind(v: unknown): v is ClaimKind {
  return typeof v === 'string' && (CLAIM_KINDS as readonly string[]).includes(v);
}

export function parseSettings(raw: unknown): ParsedSettings {
  const warnings: string[] = [];
  const src: Raw = isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isRecord(raw)) warnings.push('claimcheck settings: expected an object');

  function pick<T>(key: keyof ClaimCheckSettings, ok: (v: unknown) => v is T, fallback: T): T {
    const v = src[key];
    if (v === undefined) return fallback;
    if (ok(v)) return v;
    warnings.push(`claimcheck.${key}: invalid value ${JSON.stringify(v)}, using ${JSON.stringify(fallback)}`);
    return fallback;
  }
  const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
  const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  const isKindArray = (v: unknown): v is ClaimKind[] => Array.isArray(v) && v.every(isKind);
  const isRunMode = (v: unknown): v is RunMode => typeof v === 'string' && (RUN_MODES as readonly string[]).includes(v);
  const isNotesLocation = (v: unknown): v is NotesLocation => v === 'workspace' || v === 'sidecar';
  const isGitRef = (v: unknown): v is string => typeof v === 'string' && (v === '' || GIT_REF_PATTERN.test(v));
  const numberIn = (min: number, max: number) => (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

  const severity = { ...DEFAULT_SETTINGS.severity };
  const rawSeverity = src.severity;
  if (isRecord(rawSeverity)) {
    for (const [kind, level] of Object.entries(rawSeverity)) {
      if (!isKind(kind)) warnings.push(`claimcheck.severity: unknown claim kind "${kind}"`);
      else if (typeof level !== 'string' || !(SEVERITIES as readonly string[]).includes(level)) {
        warnings.push(`claimcheck.severity.${kind}: invalid value ${JSON.stringify(level)}`);
      } else severity[kind] = level as SeverityName;
    }
  } else if (rawSeverity !== undefined) {
    warnings.push('claimcheck.severity: expected an object of kind → severity');
  }

  const statusSeverity = { ...DEFAULT_SETTINGS.statusSeverity };
  const rawStatusSeverity = src.statusSeverity;
  if (isRecord(rawStatusSeverity)) {
    for (const [status, level] of Object.entries(rawStatusSeverity)) {
      if (!(status in statusSeverity)) warnings.push(`claimcheck.statusSeverity: unknown status "${status}"`);
      else if (typeof level !== 'string' || !(SEVERITIES as readonly string[]).includes(level)) {
        warnings.push(`claimcheck.statusSeverity.${status}: invalid value ${JSON.stringify(level)}`);
      } else statusSeverity[status as keyof typeof statusSeverity] = level as SeverityName;
    }
  } else if (rawStatusSeverity !== undefined) {
    warnings.push('claimcheck.statusSeverity: expected an object of status → severity');
  }

  const settings: ClaimCheckSettings = {
    enable: pick('enable', isBool, DEFAULT_SETTINGS.enable),
    languages: [...pick('languages', isStringArray, DEFAULT_SETTINGS.languages)],
    kinds: [...pick('kinds', isKindArray, DEFAULT_SETTINGS.kinds)],
    minScore: pick('minScore', numberIn(0, 1), DEFAULT_SETTINGS.minScore),
    severity,
    statusSeverity,
    run: pick('run', isRunMode, DEFAULT_SETTINGS.run),
    debounceMs: pick('debounceMs', numberIn(0, 10_000), DEFAULT_SETTINGS.debounceMs),
    maxFileSize: pick('maxFileSize', numberIn(0, Number.MAX_SAFE_INTEGER), DEFAULT_SETTINGS.maxFileSize),
    maxDiagnostics: pick('maxDiagnostics', numberIn(1, 100_000), DEFAULT_SETTINGS.maxDiagnostics),
    exclude: [...pick('exclude', isStringArray, DEFAULT_SETTINGS.exclude)],
    notesLocation: pick('notesLocation', isNotesLocation, DEFAULT_SETTINGS.notesLocation),
    changedSince: pick('changedSince', isGitRef, DEFAULT_SETTINGS.changedSince),
  };
  return { settings, warnings };
}
