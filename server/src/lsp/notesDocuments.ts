/**
 * Keeps the NotesService in step with the editor: documents opened, changed, saved and closed;
 * notes files changed outside (watched where the client can, re-read on diagnostics pulls where
 * it cannot); notes files moved with the articles renamed in the editor, and offered to an
 * article renamed outside it; and the notes of an untitled document offered to the file it is
 * saved as.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, type Connection, type FileRename, type InitializeParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../logger';
import type { Note } from '../notes/model';
import type { RenameReport } from '../notes/rename';
import type { NotesService } from '../notes/service';
import type { StrayNotes } from '../notes/strays';

/** How the notes feature tells the user and the rest of the server that something changed. */
/** Moving notes files on disk (notes/rename.ts, notes/strays.ts), given the workspace folders. */
export interface NotesFiles {
  /** Moves the notes of a renamed article or folder (paths, old and new). */
  move(oldPath: string, newPath: string): Promise<RenameReport>;
  /** Notes in the article's folder left behind by a rename outside the editor that fit `text`. */
  strays(articlePath: string, text: string): Promise<StrayNotes | null>;
}

export interface NotesUi {
  /** The notes of a document changed without its text changing: diagnostics and views refresh. */
  changed(uri: string): void;
  /** Something the user must know (a failed save): shown and logged. */
  warn(message: string): void;
}

/** Notes files as the client should watch them (both locations). */
const WATCHED = ['**/.claimcheck/notes/**/*.json', '**/*.claimcheck.json'];
/** Without file watching (some editors), a pull re-reads the notes file at most this often. */
const DISK_CHECK_MS = 2_000;
/** Untitled documents' notes waiting for the file the document is saved as. */
const MAX_PENDING_UNTITLED = 10;
/**
 * How long an article without notes waits before its folder is searched for notes left behind by
 * a rename: an editor reports its own renames just after it reopens the document, and moves the
 * notes then (a question about them would be noise).
 */
const STRAY_CHECK_DELAY_MS = 1_500;
/** "Save As" opens the file and closes the untitled document together: only a file opened this recently is its target. */
const SAVE_AS_WINDOW_MS = 3_000;

interface PendingUntitled {
  from: string;
  text: string;
  notes: Note[];
}

export class NotesDocumentSync {
  private canWatch = false;
  private watching = false;
  private readonly lastDiskCheck = new Map<string, number>();
  private readonly openedAt = new Map<string, number>();
  private readonly pendingUntitled: PendingUntitled[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: NotesService,
    private readonly ui: NotesUi,
    private readonly log: Logger,
    private readonly files: NotesFiles,
  ) {}

  initialize(params: InitializeParams): void {
    this.canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  }

  listen(): void {
    this.documents.onDidOpen(({ document }) => this.opened(document));
    this.documents.onDidChangeContent(({ document }) => {
      if (this.service.update(document.uri, document.getText())) this.ui.changed(document.uri);
    });
    this.documents.onDidSave(({ document }) => {
      this.service
        .articleSaved(document.uri)
        .then((error) => {
          if (error) this.ui.warn(error.message);
        })
        .catch((err: unknown) => this.log.error(`saving the notes of ${document.uri} failed: ${String(err)}`));
    });
    this.documents.onDidClose(({ document }) => this.closed(document));
    this.connection.workspace.onDidRenameFiles(({ files }) => {
      this.renamed(files).catch((err: unknown) => this.log.error(`moving the notes of renamed files failed: ${String(err)}`));
    });
    this.connection.onDidChangeWatchedFiles(({ changes }) => {
      for (const change of changes) {
        if (!change.uri.startsWith('file:')) continue;
        for (const uri of this.service.documentsUsing(fileURLToPath(change.uri))) this.reload(uri);
      }
    });
  }

  /** Called on each diagnostics pull: where nothing watches notes files, re-read now and then. */
  checkDisk(uri: string): void {
    if (this.watching) return;
    const now = Date.now();
    if (now - (this.lastDiskCheck.get(uri) ?? 0) < DISK_CHECK_MS) return;
    this.lastDiskCheck.set(uri, now);
    this.reload(uri);
  }

  private opened(document: TextDocument): void {
    this.openedAt.set(document.uri, Date.now());
    this.watchNotesFiles();
    this.service
      .open(document.uri, document.getText())
      .then(() => {
        const status = this.service.status(document.uri);
        if (status?.loadError) this.log.warn(status.loadError.message);
        if (status && (status.loadError || this.service.list(document.uri).length > 0)) this.ui.changed(document.uri);
        this.offerUntitledNotes(document);
        if (status?.place?.durable && !status.loadError && this.service.list(document.uri).length === 0) {
          this.offerStrayNotes(document).catch((err: unknown) => this.log.warn(`could not offer notes left behind by a rename: ${String(err)}`));
        }
      })
      .catch((err: unknown) => this.log.error(`notes of ${document.uri} could not be loaded: ${String(err)}`));
  }

  private closed(document: TextDocument): void {
    const text = document.getText();
    this.lastDiskCheck.delete(document.uri);
    this.openedAt.delete(document.uri);
    this.service
      .close(document.uri)
      .then((notes) => {
        if (notes.length === 0) return;
        // An untitled document closed with notes: usually it was just saved under a file name.
        this.pendingUntitled.push({ from: document.uri, text, notes });
        if (this.pendingUntitled.length > MAX_PENDING_UNTITLED) this.pendingUntitled.shift();
        const now = Date.now();
        for (const open of this.documents.all()) {
          if (now - (this.openedAt.get(open.uri) ?? 0) <= SAVE_AS_WINDOW_MS) this.offerUntitledNotes(open);
        }
      })
      .catch((err: unknown) => this.log.error(`closing the notes of ${document.uri} failed: ${String(err)}`));
  }

  /**
   * Files or folders renamed in the editor: their notes files move too. The old documents' last
   * saves finish first (the editor closes a renamed document before it reports the rename), so
   * that none writes the old notes file again after it moved. An open document of the new name
   * that has no notes yet (the editor reopens a renamed document, maybe before the rename is
   * reported) is opened afresh, so that it finds them.
   */
  private async renamed(files: readonly FileRename[]): Promise<void> {
    for (const { oldUri, newUri } of files) {
      if (!oldUri.startsWith('file:') || !newUri.startsWith('file:')) continue;
      await this.service.close(oldUri);
      await this.service.closingSettled();
      const newPath = fileURLToPath(newUri);
      const report = await this.files.move(fileURLToPath(oldUri), newPath);
      for (const problem of report.problems) this.ui.warn(problem);
      if (report.moved.length === 0) continue;
      for (const document of this.documents.all()) {
        if (!document.uri.startsWith('file:')) continue;
        const file = fileURLToPath(document.uri);
        if (file === newPath || file.startsWith(newPath + path.sep)) await this.reopen(document);
      }
    }
  }

  private async reopen(document: TextDocument): Promise<void> {
    if (this.service.hasNotes(document.uri)) {
      this.reload(document.uri);
      return;
    }
    await this.service.close(document.uri);
    await this.service.open(document.uri, document.getText());
    this.ui.changed(document.uri);
  }

  /** File watching is registered once a document is open (registration must follow `initialized`). */
  private watchNotesFiles(): void {
    if (!this.canWatch || this.watching) return;
    this.watching = true;
    this.connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) })
      .catch((err: unknown) => this.log.warn(`could not watch notes files: ${String(err)}`));
  }

  private reload(uri: string): void {
    this.service
      .reload(uri)
      .then((changed) => {
        if (changed) this.ui.changed(uri);
      })
      .catch((err: unknown) => this.log.error(`reloading the notes of ${uri} failed: ${String(err)}`));
  }

  /**
   * An article without notes, beside the notes of an article that is gone and whose claims are
   * in its text: it was probably renamed outside the editor. Asks before moving them (on every
   * open until answered); never when the old article is still open here (its notes are in use).
   */
  private async offerStrayNotes(document: TextDocument): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, STRAY_CHECK_DELAY_MS));
    const current = this.documents.get(document.uri);
    if (!current || !this.service.isOpen(document.uri) || this.service.hasNotes(document.uri)) return;
    const articlePath = fileURLToPath(document.uri);
    const stray = await this.files.strays(articlePath, current.getText());
    if (!stray || this.service.isOpen(pathToFileURL(stray.oldArticle).href)) return;
    const name = path.basename(articlePath);
    const old = path.basename(stray.oldArticle);
    const move = { title: 'Move Notes' };
    const which =
      stray.matching < stray.total
        ? `${stray.matching} of its ${stray.total} source notes are`
        : stray.total === 1
          ? 'its source note is'
          : `all ${stray.total} of its source notes are`;
    const question = `${old} is gone, and ${which} about text in ${name}: was it renamed outside the editor? Move its notes to ${name}?`;
    const choice = await this.connection.window.showInformationMessage(question, move, { title: 'Not Now' });
    if (choice?.title !== move.title || !this.documents.get(document.uri)) return;
    await this.service.closingSettled();
    const report = await this.files.move(stray.oldArticle, articlePath);
    for (const problem of report.problems) this.ui.warn(problem);
    const open = this.documents.get(document.uri);
    if (report.moved.length > 0 && open) await this.reopen(open);
  }

  /** When a file has the exact text of a closed untitled document with notes, offer them to it. */
  private offerUntitledNotes(document: TextDocument): void {
    if (!document.uri.startsWith('file:')) return;
    const index = this.pendingUntitled.findIndex((p) => p.text === document.getText());
    if (index < 0) return;
    const [pending] = this.pendingUntitled.splice(index, 1);
    const count = pending.notes.length;
    const keep = { title: 'Keep Notes' };
    const question =
      `${count} source ${count === 1 ? 'note was' : 'notes were'} added to ${pending.from} before it was saved. ` +
      `Keep ${count === 1 ? 'it' : 'them'} with ${path.basename(fileURLToPath(document.uri))}?`;
    this.connection.window
      .showInformationMessage(question, keep, { title: 'Discard' })
      .then(async (choice) => {
        if (choice === undefined) {
          this.pendingUntitled.push(pending); // Dismissed: ask again next time this text is opened.
          return;
        }
        if (choice.title !== keep.title) return;
        const result = await this.service.importNotes(document.uri, pending.notes, 'keep notes of the untitled document');
        if (result.error) this.ui.warn(result.error.message);
        this.ui.changed(document.uri);
      })
      .catch((err: unknown) => this.log.warn(`could not offer the untitled document's notes: ${String(err)}`));
  }
}
