/** Where the project is published: change it once here when the repository moves. */
const REPOSITORY_URL = "https://github.com/dr-platform/dr/blob/main";

/** The project's documentation home. */
export const README_URL = `${REPOSITORY_URL}/README.md`;

/** The policy reference, generated from the manifest (npm run gen:policies): one section per policy, headed by its name. */
export const POLICIES_DOC_URL = `${REPOSITORY_URL}/docs/policies.md`;

export function policyUrl(policy: string): string {
    return `${POLICIES_DOC_URL}#${policy}`;
}
