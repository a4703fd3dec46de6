/** Bytes in one page of WebAssembly linear memory. */
export const PAGE_BYTES = 65536;

/** Largest maximum the spec allows for a 32-bit memory (4 GiB) and a 64-bit one, in pages. */
export const MEM32_MAX_PAGES = 65536;
export const MEM64_MAX_PAGES = 2 ** 48;

/** The most linear memory a wasm32 memory can address (4 GiB). */
export const MEM32_MAX_BYTES = MEM32_MAX_PAGES * PAGE_BYTES;
