import { Policy } from "@pulumi/policy";
import { backup321 } from "./backup-3-2-1";
import { backup321VaultLock } from "./backup-3-2-1-vault-lock";
import { dataResidency } from "./data-residency";
import { dataResidencyRegionLoss } from "./data-residency-region-loss";
import { drAlerting } from "./dr-alerting";
import { drAlertingUnconfirmed } from "./dr-alerting-unconfirmed";
import { drClassification } from "./dr-classification";
import { drCostBudget } from "./dr-cost-budget";
import { drKeyProtection } from "./dr-key-protection";
import { drKeyProtectionStoreKeys } from "./dr-key-protection-store-keys";
import { drNightMode } from "./dr-night-mode";
import { drPreflight } from "./dr-preflight";
import { drRestoreTested } from "./dr-restore-tested";
import { drRestoreTestedAccountCopies } from "./dr-restore-tested-account-copies";
import { drRpoTarget } from "./dr-rpo-target";
import { drRtoTarget } from "./dr-rto-target";
import { drStoreProtection } from "./dr-store-protection";
import { drWaivers } from "./dr-waivers";
import { PACK_POLICY_NAMES, PackPolicyName } from "./manifest";

/** The report of the stack's waivers over every other policy of the pack. */
const WAIVERS_REPORT = "dr-waivers";

/** Each check of the pack by name: the compiler holds it to exactly the manifest's pack policies but the waivers report. */
const CHECKS: Record<Exclude<PackPolicyName, typeof WAIVERS_REPORT>, Policy> = {
    "dr-classification": drClassification,
    "dr-rpo-target": drRpoTarget,
    "dr-rto-target": drRtoTarget,
    "dr-night-mode": drNightMode,
    "backup-3-2-1": backup321,
    "data-residency": dataResidency,
    "dr-alerting": drAlerting,
    "dr-restore-tested": drRestoreTested,
    "dr-key-protection": drKeyProtection,
    "dr-store-protection": drStoreProtection,
    "dr-preflight": drPreflight,
    "backup-3-2-1-vault-lock": backup321VaultLock,
    "data-residency-region-loss": dataResidencyRegionLoss,
    "dr-restore-tested-account-copies": drRestoreTestedAccountCopies,
    "dr-key-protection-store-keys": drKeyProtectionStoreKeys,
    "dr-alerting-unconfirmed": drAlertingUnconfirmed,
    "dr-cost-budget": drCostBudget,
};

/** The checks in the manifest's order, the order the pack reports them in. */
const CHECKED: Policy[] = PACK_POLICY_NAMES.flatMap((name) => (name === WAIVERS_REPORT ? [] : [CHECKS[name]]));

/** Every policy of the pack, in the manifest's order: the waivers report, which judges the checks' findings, stands last in it. */
export const POLICIES: Policy[] = PACK_POLICY_NAMES.map((name) => (name === WAIVERS_REPORT ? drWaivers(CHECKED) : CHECKS[name]));
