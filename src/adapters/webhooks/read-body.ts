// Reads a request body with a size cap, so an oversized upload is cut off rather than buffered.

/** readBodyLimited reads a stream up to max bytes; 'too_large' as soon as it goes past. */
export async function readBodyLimited(
  stream: AsyncIterable<Buffer | string>,
  max: number,
): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    size += b.length;
    if (size > max) return 'too_large';
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
