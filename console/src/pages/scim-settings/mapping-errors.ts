/**
 * Splits the server's message about mapping rows, such as "mapping row 2: invalid source
 * 'x': …; mapping row 3: …", into one message per 0-based row index.
 */
export function mappingRowErrors(message: string | undefined): Map<number, string> {
  const errors = new Map<number, string>();
  if (!message) {
    return errors;
  }

  const pattern = /mapping row (\d+): (.*?)(?=; mapping row \d+: |$)/gs;
  for (const match of message.matchAll(pattern)) {
    errors.set(Number(match[1]) - 1, match[2]);
  }

  return errors;
}
