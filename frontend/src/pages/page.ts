// What a page of the explorer is: a function that fills `main` and returns its title.

export interface PageContext {
  main: HTMLElement;
  match: RegExpExecArray;
  params: URLSearchParams;
  signal: AbortSignal;
}

export type Page = (context: PageContext) => Promise<string>;
