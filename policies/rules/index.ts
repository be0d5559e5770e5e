import { Policy } from "@pulumi/policy";
import { backup321 } from "./backup-3-2-1";
import { backup321VaultLock } from "./backup-3-2-1-vault-lock";
import { dataResidency } from "./data-residency";
import { dataResidencyRegionLoss } from "./data-residency-region-loss";
import { drAlerting } from "./dr-alerting";
import { drAlertingUnconfirmed } from "./dr-alerting-unconfirmed";
import { drClassification } from "./dr-classification";
import { drKeyProtection } from "./dr-key-protection";
import { drKeyProtectionStoreKeys } from "./dr-key-protection-store-keys";
import { drRestoreTested } from "./dr-restore-tested";
import { drRestoreTestedAccountCopies } from "./dr-restore-tested-account-copies";
import { drRpoTarget } from "./dr-rpo-target";
import { drRtoTarget } from "./dr-rto-target";
import { drStoreProtection } from "./dr-store-protection";
import { drWaivers } from "./dr-waivers";

/** The pack's checks, in the order the pack reports them: the mandatory ones, then their advisory siblings. */
const CHECKED: Policy[] = [
    drClassification,
    drRpoTarget,
    drRtoTarget,
    backup321,
    dataResidency,
    drAlerting,
    drRestoreTested,
    drKeyProtection,
    drStoreProtection,
    backup321VaultLock,
    dataResidencyRegionLoss,
    drRestoreTestedAccountCopies,
    drKeyProtectionStoreKeys,
    drAlertingUnconfirmed,
];

/** Every policy of the pack: its checks, then the report of the stack's waivers over them. */
export const POLICIES: Policy[] = [...CHECKED, drWaivers(CHECKED)];
