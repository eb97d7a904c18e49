// Failures in dockerode's shape (statusCode, json.message), so the seam's error checks treat them as real ones.
export function dockerError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) fake engine - ${message}`), {
    statusCode,
    json: { message },
  });
}

export const notFound = (what: string) => dockerError(404, `No such ${what}`);

/** Docker's label filters: "key" or "key=value", all of which must match. */
export function matchesLabels(labels: Record<string, string>, filters: string[]): boolean {
  return filters.every((f) => {
    const [key, ...rest] = f.split("=");
    return rest.length === 0 ? key in labels : labels[key] === rest.join("=");
  });
}
