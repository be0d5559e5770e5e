import { StackValidationPolicy } from "@pulumi/policy";
import { StackModel, storeKeys } from "../catalog/model";
import { judgeKeys } from "./dr-key-protection";
import { policyUrl } from "./docs";
import { guarded } from "./guard";
import { stackModel } from "./model";

export const drKeyProtectionStoreKeys: StackValidationPolicy = {
    name: "dr-key-protection-store-keys",
    description: "Advisory: the keys of the stack's stores survive a destroy and cannot be scheduled for deletion casually.",
    enforcementLevel: "advisory",
    severity: "medium",
    url: policyUrl("dr-key-protection-store-keys"),
    remediationSteps:
        "Protect each data key and retain it on delete, and deny its deletion in its key policy to every principal but a break-glass one.",
    validateStack: guarded("dr-key-protection-store-keys", (args, report, skip) => {
        const model: StackModel = stackModel(args.resources);
        const keys = storeKeys(model);
        if (keys.size === 0) {
            return skip("no store of the stack uses a customer-managed key");
        }
        judgeKeys(keys, "the data of", report);
    }),
};
