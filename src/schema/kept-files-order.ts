import type { ValueTransformer } from 'typeorm';

interface WithFiles {
  files?: Record<string, string>;
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A kept answer with its `files` in path order, as the run gave them. */
function filesInPathOrder<T extends WithFiles>(kept: T): T {
  if (!kept?.files) return kept;
  return { ...kept, files: Object.fromEntries(Object.entries(kept.files).sort(([a], [b]) => byPath(a, b))) };
}

/**
 * jsonb keeps an object's keys shortest first, not as written: the `files` of a kept answer are
 * put back in path order when it is read (one kept answer, or a batch's list of them).
 */
export const keptAnswerOrder: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: WithFiles | null) => (value ? filesInPathOrder(value) : value),
};

export const keptAnswersOrder: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: WithFiles[] | null) => (value ? value.map(filesInPathOrder) : value),
};
