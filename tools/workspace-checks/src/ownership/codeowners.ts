/**
 * GitHub's CODEOWNERS format, read as far as this workspace's file uses it.
 *
 * A line is a pattern followed by its owners, separated by white space; a line starting
 * with `#` is a comment and blank lines are skipped. GitHub gives a file to the last rule
 * whose pattern matches it. Patterns follow GitHub's reading of gitignore:
 *
 * - `*` matches any run of characters within one path segment; `*` alone matches every file.
 * - A pattern with a slash at its start or in its middle is anchored at the repository
 *   root (`/apps/web/`, `apps/web/`); one without matches at any depth (`*.md`, `dist/`).
 * - A trailing slash names a directory: the rule matches every file beneath it, at any depth.
 * - Without one, the rule matches a file of that path and every file beneath a directory
 *   of that path, except that an anchored pattern ending in `/*` matches only the files
 *   directly inside (`docs/*` owns `docs/a.md`, not `docs/guide/b.md`), where gitignore
 *   would take them all.
 *
 * The rest of the syntax (`**`, `?`, `[...]`, `!`, `\` escapes) is refused rather than
 * guessed at: GitHub supports some of it, differs from gitignore on some, and the file
 * needs none of it. A refused pattern is reported and its rule left out.
 */

/** One rule of the file: where it is, what it matches and who owns that. */
export interface CodeownersRule {
  /** 1-based line number, for messages. */
  line: number;
  pattern: string;
  owners: string[];
  /** Matches the pattern against a whole path (a file's or a directory's), no prefix or suffix. */
  regex: RegExp;
  /** A trailing slash: only files beneath a directory match, never a file of that path. */
  directory: boolean;
  /** An anchored `…/*`: files directly inside the directory only. */
  childrenOnly: boolean;
}

/** A line the check cannot accept, and why. */
export interface CodeownersError {
  line: number;
  message: string;
}

export interface Codeowners {
  rules: CodeownersRule[];
  errors: CodeownersError[];
}

/** The owner forms GitHub accepts: `@user`, `@org/team-slug`, and an e-mail address. */
const OWNER_FORMS = [
  /^@[A-Za-z0-9](?:-?[A-Za-z0-9])*$/,
  /^@[A-Za-z0-9](?:-?[A-Za-z0-9])*\/[A-Za-z0-9][\w-]*$/,
  /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/,
];

const UNSUPPORTED_SYNTAX = /\*\*|[?[\]!\\]/;

/** Whether a word is an owner in one of the forms GitHub accepts. */
export function isOwner(word: string): boolean {
  return OWNER_FORMS.some((form) => form.test(word));
}

/**
 * The rules of a CODEOWNERS text in file order, and what is wrong with its lines: a
 * rule without an owner (GitHub would leave its files unowned), an owner in none of
 * GitHub's forms, a pattern using syntax this reader refuses.
 *
 * @example
 * const { rules } = parseCodeowners('*  @bff-org/platform-team\n/apps/web/  @bff-org/web-team\n');
 * ownerRuleOf(rules, 'apps/web/src/main.tsx')?.owners; // ['@bff-org/web-team']
 */
export function parseCodeowners(text: string): Codeowners {
  const rules: CodeownersRule[] = [];
  const errors: CodeownersError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const [pattern, ...owners] = content.split(/\s+/);
    if (owners.length === 0) errors.push({ line, message: `\`${pattern}\` names no owner` });
    for (const owner of owners.filter((owner) => !isOwner(owner))) {
      errors.push({
        line,
        message: `\`${owner}\` is not an owner: write @user, @org/team or an e-mail address`,
      });
    }
    const compiled = compilePattern(pattern);
    if (typeof compiled === 'string') errors.push({ line, message: `\`${pattern}\` ${compiled}` });
    else rules.push({ line, pattern, owners, ...compiled });
  });
  return { rules, errors };
}

/** A pattern's matching parts, or why it is refused. */
function compilePattern(
  pattern: string,
): Pick<CodeownersRule, 'regex' | 'directory' | 'childrenOnly'> | string {
  if (UNSUPPORTED_SYNTAX.test(pattern)) {
    return 'uses syntax the check does not read (`**`, `?`, `[...]`, `!`, `\\`): write directories and `*`';
  }
  const directory = pattern.endsWith('/');
  const body = pattern.replace(/^\//, '').replace(/\/$/, '');
  if (body === '') return 'names no path';
  const anchored = pattern.startsWith('/') || body.includes('/');
  const source = body.split('*').map(escapeRegExp).join('[^/]*');
  return {
    regex: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}$`),
    directory,
    childrenOnly: anchored && !directory && (body === '*' || body.endsWith('/*')),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The directories a workspace-relative path lies in, outermost first: `a/b/c.ts` → `a`, `a/b`. */
function ancestorsOf(path: string): string[] {
  const segments = path.split('/');
  return segments.slice(1).map((_, index) => segments.slice(0, index + 1).join('/'));
}

/** Whether GitHub would give the file at `path` (workspace-relative, no leading slash) to this rule's pattern. */
export function matchesFile(rule: CodeownersRule, path: string): boolean {
  if (rule.childrenOnly) return rule.regex.test(path);
  return (!rule.directory && rule.regex.test(path)) || ancestorsOf(path).some((dir) => rule.regex.test(dir));
}

/** Whether the rule's pattern matches every file that is or will be beneath the directory `dir`. */
export function coversDirectory(rule: CodeownersRule, dir: string): boolean {
  if (rule.childrenOnly) return false;
  return [...ancestorsOf(dir), dir].some((candidate) => rule.regex.test(candidate));
}

/** The rule that owns a file: the last one that matches it, as GitHub decides. */
export function ownerRuleOf(rules: readonly CodeownersRule[], path: string): CodeownersRule | undefined {
  return rules.findLast((rule) => matchesFile(rule, path));
}

/**
 * The rule that owns a directory as a whole: the last one that matches every file
 * beneath it. A later, narrower rule may still take some of its files.
 */
export function directoryRuleOf(rules: readonly CodeownersRule[], dir: string): CodeownersRule | undefined {
  return rules.findLast((rule) => coversDirectory(rule, dir));
}
