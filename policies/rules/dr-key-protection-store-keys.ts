import { StackModel, storeKeys } from "../catalog/model";
import { stackPolicy } from "./define";
import { judgeKeys } from "./dr-key-protection";
import { stackModel } from "./model";

export const drKeyProtectionStoreKeys = stackPolicy("dr-key-protection-store-keys", (args, report, skip) => {
    const model: StackModel = stackModel(args.resources);
    const keys = storeKeys(model);
    if (keys.size === 0) {
        return skip("no store of the stack uses a customer-managed key");
    }
    judgeKeys(keys, "the data of", report);
});
