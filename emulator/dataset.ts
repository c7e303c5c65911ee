import { loadSeed, SEED_FILE } from './seed.js';
import { loadRecording } from './dataset-recording.js';
import type { DatasetOption } from './options.js';
import type { Store } from './store.js';
import { generate } from './synthetic.js';
import { validateStore } from './validate-store.js';

/** Stores already loaded and validated, by seed file or synthetic spec: data sets are immutable, so servers share them. */
const loaded = new Map<string, Store>();

/** The store a dataset option names, loaded, validated against the contract, and cached. */
export function loadDataset(d: DatasetOption | undefined): Store {
  if (d !== undefined && typeof d === 'object' && 'accounts' in d) return d;
  const key = d === undefined ? SEED_FILE : typeof d === 'string' ? d : `synthetic:${d.receipts}:${d.seed ?? 1}`;
  let store = loaded.get(key);
  if (!store) {
    // A .jsonl file is a recording from the validating proxy (proxy/): its receipts are served as they were seen.
    store =
      typeof d === 'object'
        ? generate(d.receipts, d.seed ?? 1)
        : /\.jsonl$/i.test(key)
          ? loadRecording(key)
          : loadSeed(key);
    validateStore(store);
    loaded.set(key, store);
  }
  return store;
}
