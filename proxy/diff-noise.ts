/**
 * What the diff compares by value; everything else in a body is compared by kind. Two correct servers hold other
 * data, so SIDs (kind: `sid DY`), dates (`date-time`), tokens and origins (a link is `url ?Page&PageSize&PageToken`:
 * which query names it has, not their values), free text (error messages) and data values (a receipt's status,
 * error_code) legitimately differ; what the contract fixes (status codes, error codes, page numbers and sizes, the
 * list key, media type, challenge scheme) must not.
 */
export const DIFF_NOISE = {
  /** Body pointers compared by value when the value has that type (a receipt's string `status` is data). */
  byValue: [
    { pointer: /^\/(code|status)$/, type: 'number' },
    { pointer: /^\/meta\/(page|page_size)$/, type: 'number' },
    { pointer: /^\/meta\/key$/, type: 'string' },
  ],
  /** Response headers that matter, each reduced to what must agree. */
  headers: [
    {
      header: 'content-type',
      read: (v: string | undefined): string => v?.split(';')[0].trim().toLowerCase() ?? 'absent',
    },
    {
      header: 'www-authenticate',
      read: (v: string | undefined): string => v?.trim().split(/\s+/)[0].toLowerCase() ?? 'absent',
    },
    { header: 'retry-after', read: (v: string | undefined): string => (v === undefined ? 'absent' : 'present') },
  ],
} as const;
