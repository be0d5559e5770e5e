/**
 * Where each policy is documented: its section of the project README (the heading is the policy's name).
 * Change the base once here when the repository moves.
 */
export const README_URL = "https://github.com/dr-platform/dr/blob/main/README.md";

export function policyUrl(policy: string): string {
    return `${README_URL}#${policy}`;
}
