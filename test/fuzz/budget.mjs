// How many cases the fuzzers run, and with which seed (issue 10: CI budget ≥ 20,000 cases;
// `npm run fuzz` ≥ 1,000,000). FUZZ_SCALE multiplies every property's runs; FUZZ_SEED replays a
// run (the seed is printed at the start, and fast-check prints seed and path on a failure).
const scale = Math.max(1, +(process.env.FUZZ_SCALE || 1));
export const seed = process.env.FUZZ_SEED !== undefined ? +process.env.FUZZ_SEED : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
let total = 0;
let sequences = 0;
console.log(`      fuzz seed ${seed} (replay: FUZZ_SEED=${seed}), scale ${scale}`);

/** The runs for a property whose CI budget is `n`, counted. */
export function fuzzRuns(n) {
  const runs = n * scale;
  total += runs;
  return runs;
}

/** Counts model-based socket sequences (each one case, many steps). */
export function countSequences(n) {
  const runs = n * scale;
  sequences += runs;
  return runs;
}

// One root hook for every fuzz file of the process: the counts once, at the end.
after(function () {
  console.log(`      fuzz cases: ${total} conversion cases, ${sequences} socket command sequences (seed ${seed})`);
});
