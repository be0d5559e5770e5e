import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./rules";
import { deserializeOncePerRequest } from "./rules/deserializeOnce";

deserializeOncePerRequest();

new PolicyPack("dr", {
    enforcementLevel: "mandatory",
    policies: POLICIES,
});
