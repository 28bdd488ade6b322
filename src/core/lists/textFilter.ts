/**
 * The filter of the list views: case-insensitive text anywhere in the searched fields, and for text that is only a
 * phone number with punctuation (`(650) 555-01`, `+1 650`), its digits anywhere in a record's phone numbers.
 * Returns undefined for an empty filter, so callers can skip the walk.
 */
export function textMatcher(filter: string): ((texts: readonly unknown[], numbers: readonly string[]) => boolean) | undefined {
  const text = filter.trim().toLowerCase();
  if (!text) return undefined;
  const digits = text.replace(/\D/g, '');
  // Digits alone only when the filter is nothing but a number: "ext 101" must not match every number with 101 in it.
  const numberLike = digits.length >= 3 && digits.length === text.replace(/[\s()+.-]/g, '').length;
  return (texts, numbers) => {
    for (const t of texts) if (typeof t === 'string' && t.toLowerCase().includes(text)) return true;
    if (!numberLike) return false;
    for (const n of numbers) if (n.replace(/\D/g, '').includes(digits)) return true;
    return false;
  };
}
