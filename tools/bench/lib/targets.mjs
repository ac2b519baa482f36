import { megabytes, millis, times } from './format.mjs';
import { COMPARISON_GROUPS } from './groups.mjs';
import { SERVERS } from './peers.mjs';
import { SOAK_SECONDS } from './soak.mjs';

/** The targets, as numbers in one place. */
export const TARGETS = {
  proxyVsExpress: 3,
  proxyVsFastifyProxy: 0.8,
  compositionVsExpress: 2.5,
  cacheHitVsBareFastify: 0.6,
  healthVsBareHello: 0.7,
  lowLoadOverheadMs: 1,
  rssBytes: 150 * 2 ** 20,
  startMs: 1_000,
};

/**
 * Checks a run's results against the targets. Each check passes, fails, or is
 * `undefined` when the run did not measure what it needs (a group left out, a server
 * that did not start, too little load to judge memory).
 *
 * @returns {{ label: string, pass: boolean | undefined, detail: string }[]}
 * @example
 * for (const { label, pass, detail } of checkTargets(results)) console.log(pass ? '✔' : '✖', label, detail);
 */
export function checkTargets({ groups, lowLoad, bffs }) {
  return [
    ratioCheck(groups, 'proxy', 'mobile-bff', 'express', TARGETS.proxyVsExpress),
    ratioCheck(groups, 'proxy', 'mobile-bff', 'fastify-proxy', TARGETS.proxyVsFastifyProxy),
    ratioCheck(groups, 'composition', 'mobile-bff', 'express', TARGETS.compositionVsExpress),
    ratioCheck(groups, 'composition', 'web-bff', 'express', TARGETS.compositionVsExpress),
    ratioCheck(groups, 'cache', 'web-bff-cached', 'fastify-bare', TARGETS.cacheHitVsBareFastify),
    ratioCheck(groups, 'cache', 'mobile-bff-cached', 'fastify-bare', TARGETS.cacheHitVsBareFastify),
    ratioCheck(groups, 'health', 'web-bff', 'fastify-bare', TARGETS.healthVsBareHello),
    ratioCheck(groups, 'health', 'mobile-bff', 'fastify-bare', TARGETS.healthVsBareHello),
    lowLoadCheck(lowLoad),
    ...bffs.map(memoryCheck),
    ...bffs.map(startCheck),
  ];
}

function ratioCheck(groups, groupId, server, baseline, minimum) {
  const definition = COMPARISON_GROUPS.find((group) => group.id === groupId);
  const rowLabel = (name) => definition.rows.find((row) => row.server === name)?.label ?? SERVERS[name].label;
  const label = `${groupId}: ${rowLabel(server)} ≥ ${minimum}× ${rowLabel(baseline)}`;
  const group = groups[groupId];
  const value = group?.rows.find((row) => row.server === server)?.ratios?.[baseline];
  if (value === undefined)
    return { label, pass: undefined, detail: group ? 'not measured' : 'group not run' };
  return { label, pass: value >= minimum, detail: times(value) };
}

function lowLoadCheck(lowLoad) {
  const label = `low load: composition p50 ≤ slowest part + ${TARGETS.lowLoadOverheadMs} ms`;
  if (lowLoad?.differenceMs === undefined)
    return { label, pass: undefined, detail: lowLoad ? 'not measured' : 'group not run' };
  return {
    label,
    pass: lowLoad.differenceMs <= TARGETS.lowLoadOverheadMs,
    detail: `${millis(lowLoad.compositionP50)} vs ${millis(lowLoad.slowestPart.p50)} (+${lowLoad.differenceMs.toFixed(1)} ms)`,
  };
}

function memoryCheck(bff) {
  const label = `memory: ${bff.label} RSS ≤ ${megabytes(TARGETS.rssBytes)} after ≥ ${SOAK_SECONDS} s of load`;
  if (bff.error) return { label, pass: undefined, detail: 'did not start' };
  const detail = `${megabytes(bff.rss)} after ${Math.round(bff.loadSeconds)} s`;
  if (bff.rss === undefined || bff.loadSeconds < SOAK_SECONDS)
    return { label, pass: undefined, detail: `${detail}: too little load to judge` };
  return { label, pass: bff.rss <= TARGETS.rssBytes, detail };
}

function startCheck(bff) {
  const label = `start-up: ${bff.label} spawn to first 200 on /health ≤ ${TARGETS.startMs / 1000} s`;
  if (bff.error) return { label, pass: false, detail: `did not start: ${bff.error.split('\n')[0]}` };
  return { label, pass: bff.startMs <= TARGETS.startMs, detail: millis(bff.startMs) };
}
