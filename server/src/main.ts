/**
 * Entry point of the language server. The connection transport comes from the command line:
 * `--stdio` (Neovim, Helix, any LSP editor), `--node-ipc` (the VS Code extension) or `--socket`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
