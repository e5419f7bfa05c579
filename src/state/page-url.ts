/**
 * The query string of the page's own address, for the code shared by the site's pages and the
 * `<moe-lab>` library. In the library build (src/lib.ts calls embeddedInHostPage() before anything
 * else loads) the address belongs to someone else's page: it is never read, so a host page's query
 * can neither break the element nor change what it shows.
 */
let ownPage = true;

export function embeddedInHostPage(): void {
  ownPage = false;
}

/** Whether the page is the site's own (its address and <html lang> are ours to write). */
export function ownsPage(): boolean {
  return ownPage;
}

/** `location.search` on the site's own pages; '' where the element is embedded in a host page. */
export function pageSearch(): string {
  return ownPage && typeof location !== 'undefined' ? location.search : '';
}
