import { SAME_ACCOUNT, StoreRecovery, storeRecovery } from "../catalog/model";
import { stackPolicy } from "./define";
import { offsiteBackups } from "./dr-restore-tested";
import { judgeEachStore } from "./model";
import { describeStore } from "./words";

/** The advisory for a store whose off-site backups are all in another account: that account must run the drill. */
export function accountCopyFinding(recovery: StoreRecovery): string | undefined {
    const offsite = offsiteBackups(recovery);
    if (offsite.length === 0 || offsite.some((c) => c.location.account === SAME_ACCOUNT)) {
        return undefined;
    }
    const accounts = [...new Set(offsite.map((c) => c.location.account))].join(", ");
    return (
        `${describeStore(recovery.store)}: its off-site copy is in account ${accounts}, where this stack cannot test restoring it. ` +
        `Fix: run a restore testing plan in that account over its vault at least quarterly, and watch its restore jobs (see docs/deploy.md, "Before pulumi up").`
    );
}

export const drRestoreTestedAccountCopies = stackPolicy("dr-restore-tested-account-copies", (args, report, skip) =>
    judgeEachStore(args, report, skip, (model, store) => accountCopyFinding(storeRecovery(model, store))),
);
