import { PolicyPack } from "@pulumi/policy";
import { backup321 } from "./rules/backup-3-2-1";
import { backup321VaultLock } from "./rules/backup-3-2-1-vault-lock";
import { dataResidency } from "./rules/data-residency";
import { dataResidencyRegionLoss } from "./rules/data-residency-region-loss";
import { drClassification } from "./rules/dr-classification";
import { drRpoTarget } from "./rules/dr-rpo-target";
import { drRtoTarget } from "./rules/dr-rto-target";

new PolicyPack("dr", {
    enforcementLevel: "mandatory",
    policies: [drClassification, drRpoTarget, drRtoTarget, backup321, dataResidency, backup321VaultLock, dataResidencyRegionLoss],
});
