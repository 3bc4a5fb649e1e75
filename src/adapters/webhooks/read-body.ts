// Reads a request body with a size cap: bytes past the cap are drained and dropped, never buffered,
// so the server can still answer 413 on the same connection.

/** readBodyLimited reads a stream keeping at most max bytes; 'too_large' when it held more. */
export async function readBodyLimited(
  stream: AsyncIterable<Buffer | string>,
  max: number,
): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    size += b.length;
    if (size <= max) chunks.push(b);
  }
  return size > max ? 'too_large' : Buffer.concat(chunks);
}
