// How personal data shows to someone who may not see it in full. Names stay: staff address
// customers by name; the phone number and the street address are what leak.

/** 13812341234 → 138****1234; a short number keeps only its last two digits. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null || phone === '') return phone;
  if (phone.includes('*')) return phone; // the marketplace masked it already
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `****${digits.slice(-2)}`;
}

/** The region stays (it is a filter in every list); the street, building and door go. */
export function maskAddress(
  address: string | null,
  region: {
    readonly province: string | null;
    readonly city: string | null;
    readonly district: string | null;
  },
): string | null {
  if (address === null || address === '') return address;
  const known = [region.province, region.city, region.district].filter(
    (part) => part !== null && part !== '',
  );
  if (known.length > 0) return `${[...new Set(known)].join(' ')} ****`;
  return `${[...address].slice(0, 3).join('')}****`;
}
