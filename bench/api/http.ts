/** A GET over loopback that must answer 200 with JSON. */
export async function getJson<T>(origin: string, path: string, token: string): Promise<T> {
  const res = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export const listPath = (portfolioId: string, cursor?: string): string =>
  `/api/v1/projects?portfolioId=${portfolioId}&sort=name&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

export const summaryPath = (portfolioId: string): string => `/api/v1/portfolios/${portfolioId}/summary`;
