/**
 * Keeps the authorization details a GetAccountAuthorizationDetails pagination is reading, so
 * every page of one listing comes from the same read of the fixture, while a new listing
 * (no Marker) reads it afresh. Bounded (least recently used out) so a 1,000-account synthetic
 * organization is never held in memory at once; an evicted snapshot is simply read again.
 */
import type { AuthorizationDetails, FakeAccount } from "./types";

interface Snapshot {
  accountId: string;
  details: Promise<AuthorizationDetails>;
}

export class DetailsSnapshots {
  private nextId = 1;
  private readonly snapshots = new Map<number, Snapshot>();

  constructor(private readonly capacity = 64) {}

  /** Reads the account's details afresh and keeps them under a new snapshot id. */
  fresh(account: FakeAccount): { id: number; details: Promise<AuthorizationDetails> } {
    const id = this.nextId++;
    const details = Promise.resolve().then(() => account.authorizationDetails());
    this.remember(id, { accountId: account.id, details });
    details.catch(() => this.snapshots.delete(id));
    return { id, details };
  }

  /** The details of an earlier snapshot, or a fresh read (under the same id) if it is gone. */
  resume(account: FakeAccount, id: number): Promise<AuthorizationDetails> {
    const snapshot = this.snapshots.get(id);
    if (snapshot && snapshot.accountId === account.id) {
      this.remember(id, snapshot);
      return snapshot.details;
    }
    const details = Promise.resolve().then(() => account.authorizationDetails());
    this.remember(id, { accountId: account.id, details });
    details.catch(() => this.snapshots.delete(id));
    return details;
  }

  private remember(id: number, snapshot: Snapshot): void {
    this.snapshots.delete(id);
    this.snapshots.set(id, snapshot);
    while (this.snapshots.size > this.capacity) {
      const oldest = this.snapshots.keys().next();
      if (oldest.done) break;
      this.snapshots.delete(oldest.value);
    }
  }
}
