/** What commands get: the server context, the claim store and the Claims view. */
import type { ClaimStore } from './claimStore';
import type { ClaimsView } from './claimsView';
import type { ClientContext } from './context';
import type { Prompter } from './prompter';

export interface Services {
  ctx: ClientContext;
  store: ClaimStore;
  view: ClaimsView;
  /** Documents switched off with "Toggle for This Document" (by URI). */
  disabledDocuments: Set<string>;
  /** How commands ask the user; tests swap in scripted answers. */
  prompter: Prompter;
}
