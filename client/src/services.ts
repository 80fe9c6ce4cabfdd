/** What commands get: the server context, the claim store and the Claims view. */
import type { ClaimStore } from './claimStore';
import type { ClaimsView } from './claimsView';
import type { ClientContext } from './context';

export interface Services {
  ctx: ClientContext;
  store: ClaimStore;
  view: ClaimsView;
  /** Documents switched off with "Toggle for This Document" (by URI). */
  disabledDocuments: Set<string>;
}
