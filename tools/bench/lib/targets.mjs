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
  overloadGoodputVsComfortable: 0.6,
  shedP99Ms: 10,
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
export function checkTargets({ groups, lowLoad, bffs, overload = [] }) {
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
    ...overload.filter((subject) => !subject.floor).flatMap((subject) => overloadChecks(subject, shedFloor(overload))),
  ];
}

/** The shed floor's p99 of 503s by connections (and `retrying`), to show beside each BFF's. */
function shedFloor(overload) {
  const floor = overload.find((subject) => subject.floor && !subject.error);
  const byLevel = new Map((floor?.levels ?? []).filter((level) => !level.skipped).map((level) => [level.connections, level.shedP99]));
  return { at: (connections) => byLevel.get(connections), retrying: floor?.retrying?.shedP99 };
}

/** "… ms", with the shed floor's p99 at the same load when it was measured. */
function againstFloor(p99, floorP99) {
  return floorP99 === undefined ? millis(p99) : `${millis(p99)} (floor ${millis(floorP99)})`;
}

/**
 * At the heaviest level measured against the lightest: goodput holds, successes stay
 * within the route budget, sheds are cheap, nothing else fails, and the gateway answers
 * the first request after the load (no breaker opened against the healthy downstream).
 */
function overloadChecks({ server, budgetMs, levels = [], retrying, after, error }, floor) {
  const name = `overload ${SERVERS[server].label}`;
  const measured = levels.filter((level) => !level.skipped);
  const light = measured[0];
  const heavy = measured.length > 1 ? measured.at(-1) : undefined;
  const unmeasured = (label) => ({ label, pass: undefined, detail: error ? 'did not start' : 'not measured' });
  const goodputLabel = `${name}: goodput at ${heavy?.connections ?? 'most'} conns ≥ ${TARGETS.overloadGoodputVsComfortable}× at ${light?.connections ?? 'fewest'}`;
  const budgetLabel = `${name}: p99 of 2xx under overload ≤ route budget ${budgetMs} ms`;
  const shedLabel = `${name}: p99 of shed 503s ≤ ${TARGETS.shedP99Ms} ms`;
  const otherLabel = `${name}: no 5xx but sheds, no socket errors`;
  const afterLabel = `${name}: first request after the load is 200`;
  if (!light || !heavy)
    return [goodputLabel, budgetLabel, shedLabel, otherLabel, afterLabel].map(unmeasured);
  const ratio = heavy.goodput / light.goodput;
  const worstOkP99 = Math.max(...measured.map((level) => level.okP99 ?? 0));
  const sheds = measured.filter((level) => level.shed > 0);
  const worst = sheds.reduce((max, level) => (max === undefined || level.shedP99 > max.shedP99 ? level : max), undefined);
  const worstShedP99 = worst?.shedP99;
  const other = measured.reduce((sum, level) => sum + level.otherNon2xx + level.errors, 0);
  return [
    { label: goodputLabel, pass: ratio >= TARGETS.overloadGoodputVsComfortable, detail: times(ratio) },
    { label: budgetLabel, pass: worstOkP99 <= budgetMs, detail: millis(worstOkP99) },
    worstShedP99 === undefined
      ? { label: shedLabel, pass: undefined, detail: 'nothing was shed' }
      : { label: shedLabel, pass: worstShedP99 <= TARGETS.shedP99Ms, detail: `${againstFloor(worstShedP99, floor.at(worst.connections))} at ${worst.connections}` },
    { label: otherLabel, pass: other === 0, detail: `${other}` },
    { label: afterLabel, pass: after?.status === 200, detail: `${after?.status ?? after?.error ?? 'not sent'}` },
    ...(retrying ? [retryingShedCheck(name, retrying, floor.retrying)] : []),
  ];
}

/** The same shed bound for clients that wait what `Retry-After` says before asking again. */
function retryingShedCheck(name, retrying, floorP99) {
  const label = `${name}: p99 of shed 503s ≤ ${TARGETS.shedP99Ms} ms, ${retrying.connections} clients honouring Retry-After`;
  if (retrying.shed === 0) return { label, pass: undefined, detail: 'nothing was shed' };
  return { label, pass: retrying.shedP99 <= TARGETS.shedP99Ms, detail: againstFloor(retrying.shedP99, floorP99) };
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
