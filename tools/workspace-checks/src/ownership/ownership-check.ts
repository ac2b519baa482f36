import { dirname } from 'node:path';
import type { WorkspaceProject } from '../workspace-projects';
import {
  CodeownersRule,
  coversDirectory,
  directoryRuleOf,
  isOwner,
  matchesFile,
  ownerRuleOf,
  parseCodeowners,
} from './codeowners';

/**
 * The team that owns each scope's projects. The demo services go to the platform team:
 * they stand in for the downstream services whose clients and contracts
 * (`scope:shared`) the platform team keeps, and no other team changes them.
 */
export const SCOPE_OWNERS: Readonly<Record<string, string>> = {
  'scope:web': '@bff-org/web-team',
  'scope:mobile': '@bff-org/mobile-team',
  'scope:shared': '@bff-org/platform-team',
  'scope:demo': '@bff-org/platform-team',
};

/** The only owners the file may name; the workspace's own files go to the platform team. */
const TEAMS = new Set(Object.values(SCOPE_OWNERS));

export interface OwnershipInput {
  /** The CODEOWNERS text. */
  codeowners: string;
  projects: readonly WorkspaceProject[];
  /** Every file of the workspace, workspace-relative with `/` separators. */
  files: readonly string[];
}

/**
 * What is wrong with a CODEOWNERS text for these projects and files, one message per
 * fault, empty when nothing is: a line that does not parse, an owner that is not one of
 * the teams, a rule that matches no file or owns none (a later rule takes all it
 * matches), a project without a rule for its own root, a project owned by another team
 * than its scope's, and a later rule that hands files inside a project to another team.
 *
 * @example
 * ownershipProblems({ codeowners: text, projects: readWorkspaceProjects(), files }); // []
 */
export function ownershipProblems({ codeowners, projects, files }: OwnershipInput): string[] {
  const { rules, errors } = parseCodeowners(codeowners);
  return [
    ...errors.map(({ line, message }) => `line ${line}: ${message}`),
    ...unknownOwners(rules),
    ...idleRules(rules, files),
    ...projects.flatMap((project) => projectProblems(rules, project, files)),
  ];
}

function unknownOwners(rules: readonly CodeownersRule[]): string[] {
  return rules.flatMap((rule) =>
    rule.owners
      .filter((owner) => isOwner(owner) && !TEAMS.has(owner))
      .map((owner) => `line ${rule.line}: \`${owner}\` is not one of the teams (${[...TEAMS].join(', ')})`),
  );
}

/**
 * Rules that decide nothing: one that matches no file names a path that no longer exists;
 * one whose every file a later rule takes sits above a rule it should follow.
 */
function idleRules(rules: readonly CodeownersRule[], files: readonly string[]): string[] {
  const owning = new Set(files.map((file) => ownerRuleOf(rules, file)));
  return rules.flatMap((rule) => {
    if (owning.has(rule)) return [];
    const where = `line ${rule.line}: \`${rule.pattern}\``;
    return files.some((file) => matchesFile(rule, file))
      ? [`${where} owns no file: later rules take every file it matches; move it below them`]
      : [`${where} matches no file: the path no longer exists`];
  });
}

function projectProblems(
  rules: readonly CodeownersRule[],
  project: WorkspaceProject,
  files: readonly string[],
): string[] {
  const scope = project.tags.find((tag) => tag.startsWith('scope:'));
  const team = scope && SCOPE_OWNERS[scope];
  const who = `${project.name} (${project.root}, ${scope ?? 'no scope'})`;
  if (!team) return [`${who}: no team owns its scope; add it to SCOPE_OWNERS`];

  const own = directoryRuleOf(rules, project.root);
  // A rule that also covers the folder the project sits in (`*`, `/apps/`) owns it by accident.
  if (!own || coversDirectory(own, dirname(project.root))) {
    const inherited = own ? `; \`${own.pattern}\` on line ${own.line} owns it by default` : '';
    return [`${who} has no owner rule for its root${inherited}: add \`/${project.root}/ ${team}\``];
  }
  if (!ownedBy(own, team)) {
    return [`${who} is owned by ${owned(own)} on line ${own.line}; its scope belongs to ${team}`];
  }

  // Narrower rules further down may still take some of the project's files.
  const handedOver = new Map<CodeownersRule, string[]>();
  for (const file of files.filter((file) => file.startsWith(`${project.root}/`))) {
    const rule = ownerRuleOf(rules, file);
    if (rule === undefined || rule === own || ownedBy(rule, team)) continue;
    handedOver.set(rule, [...(handedOver.get(rule) ?? []), file]);
  }
  return [...handedOver].map(
    ([rule, taken]) =>
      `${who}: line ${rule.line} (\`${rule.pattern}\`) hands ${listed(taken)} ` +
      `to ${owned(rule)}; its scope belongs to ${team}`,
  );
}

/** A project's files go to its scope's team alone: a second owner would also be asked to approve. */
function ownedBy(rule: CodeownersRule, team: string): boolean {
  return rule.owners.length === 1 && rule.owners[0] === team;
}

function owned(rule: CodeownersRule): string {
  return rule.owners.length === 0 ? 'no one' : rule.owners.join(' ');
}

function listed(files: readonly string[]): string {
  return files.length <= 3
    ? files.join(', ')
    : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
}
