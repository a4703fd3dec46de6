import wabtInit = require('wabt');

export type Wabt = Awaited<ReturnType<typeof wabtInit>>;

/** The proposals the tests' WAT uses. */
export const ALL_FEATURES = {
  multi_memory: true,
  memory64: true,
  threads: true,
  exceptions: true,
  reference_types: true,
  bulk_memory: true,
  simd: true,
  tail_call: true,
};

/** Loads wabt before the file's tests run; `wat` assembles text with every feature on. */
export function watAssembler(): { wabt: () => Wabt; wat: (text: string) => Uint8Array } {
  let wabt: Wabt;
  beforeAll(async () => {
    wabt = await wabtInit();
  });
  const wat = (text: string) => {
    const m = wabt.parseWat('test.wat', text, ALL_FEATURES as Parameters<Wabt['parseWat']>[2]);
    try {
      return m.toBinary({}).buffer;
    } finally {
      m.destroy();
    }
  };
  return { wabt: () => wabt, wat };
}
