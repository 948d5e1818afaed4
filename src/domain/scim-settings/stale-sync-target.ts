/**
 * Error of a SCIM write that skipped the record sync because its token saw no target
 * application, but that found a target application set when it recorded its event. The
 * write's transaction rolls back and runs once more, and that run reads the sync plan.
 */
export class StaleSyncTarget extends Error {
  constructor() {
    super('the SCIM settings gained a target application during the request');
    this.name = 'StaleSyncTarget';
  }
}
