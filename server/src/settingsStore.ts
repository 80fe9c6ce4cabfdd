/**
 * Settings per document URI: asked from the client with `workspace/configuration` when it
 * supports that, otherwise taken from `initializationOptions` / `didChangeConfiguration`
 * (how Neovim and Helix send them). Parsed once per URI and cached; `clear()` is the one place
 * the cache is dropped.
 */
import type { Connection } from 'vscode-languageserver';
import type { ClaimCheckSettings } from './contract';
import type { Logger } from './logger';
import { parseSettings } from './settings';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<ClaimCheckSettings>>();
  private pushed: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
    private readonly pullFromClient: boolean,
    initial: unknown,
  ) {
    this.pushed = settingsSection(initial);
  }

  get(uri: string): Promise<ClaimCheckSettings> {
    let entry = this.cache.get(uri);
    if (!entry) {
      entry = this.load(uri);
      this.cache.set(uri, entry);
    }
    return entry;
  }

  /** Called on `workspace/didChangeConfiguration`; `raw` is the pushed settings, if any. */
  clear(raw?: unknown): void {
    const section = settingsSection(raw);
    if (section !== undefined) this.pushed = section;
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async load(uri: string): Promise<ClaimCheckSettings> {
    let raw: unknown = this.pushed;
    if (this.pullFromClient) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'claimcheck' });
      } catch (err) {
        this.log.warn(`could not read settings for ${uri}: ${String(err)}`);
      }
    }
    const { settings, warnings } = parseSettings(raw);
    for (const w of warnings) this.log.warn(w);
    return settings;
  }
}

/** Accepts both `{claimcheck: {...}}` and the bare `{...}` section. */
function settingsSection(raw: unknown): unknown {
  if (typeof raw === 'object' && raw !== null && 'claimcheck' in raw) {
    return (raw as { claimcheck: unknown }).claimcheck;
  }
  return raw ?? undefined;
}
