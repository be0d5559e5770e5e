import { Policy } from "@pulumi/policy";
import { backup321 } from "./backup-3-2-1";
import { backup321VaultLock } from "./backup-3-2-1-vault-lock";
import { dataResidency } from "./data-residency";
import { dataResidencyRegionLoss } from "./data-residency-region-loss";
import { drClassification } from "./dr-classification";
import { drRpoTarget } from "./dr-rpo-target";
import { drRtoTarget } from "./dr-rto-target";

/** Every policy of the pack, in the order the pack reports them. */
export const POLICIES: Policy[] = [drClassification, drRpoTarget, drRtoTarget, backup321, dataResidency, backup321VaultLock, dataResidencyRegionLoss];
