// The search page: plain DOM code over the JSON API, with the whole search state in the URL.
// Document text only ever reaches the page as text nodes; the one exception is the highlighted title and snippets,
// and even there only the <mark> tags become markup (see appendHighlighted).
'use strict';

(() => {
  const API = apiBase(document.querySelector('meta[name="search-api"]')?.content);
  const PAGE_SIZE = 10;
  const COMPLETION_DELAY_MS = 150;
  const COMPLETION_LIMIT = 8;

  const $ = (id) => document.getElementById(id);
  const ui = {
    form: $('search-form'), q: $('q'), completions: $('completions'),
    from: $('from'), to: $('to'), sort: $('sort'), syntax: $('syntax'), typos: $('typos'),
    error: $('error'), chips: $('chips'), stats: $('stats'),
    similarBanner: $('similar-banner'), suggestion: $('suggestion'), total: $('total'), notes: $('notes'),
    resultsSection: $('results-section'), results: $('results'),
    pager: $('pager'), prev: $('prev'), next: $('next'), pageNumber: $('page-number'),
    facets: $('facets'), dateFacet: $('date-facet'), histogram: $('date-histogram'), tagFacets: $('tag-facets'),
    dialog: $('document'), docTitle: $('document-title'), docMeta: $('document-meta'), docTags: $('document-tags'), docBody: $('document-body'),
  };

  const numberFormat = new Intl.NumberFormat();
  const msFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

  // ---- state and URL -------------------------------------------------------------------------------------------

  /** @typedef {{q: string, syntax: string, typos: string, from: string, to: string, sort: string, filters: string[], after: string, similar: string}} State */

  const DEFAULTS = Object.freeze({ syntax: 'simple', typos: 'auto', sort: 'relevance' });
  const CHOICES = Object.freeze({ syntax: ['simple', 'lucene'], typos: ['auto', 'off'], sort: ['relevance', 'date', '-date'] });

  /** @returns {State} */
  function stateFromUrl(search) {
    const p = new URLSearchParams(search);
    const choice = (name) => (CHOICES[name].includes(p.get(name)) ? p.get(name) : DEFAULTS[name]);
    return {
      q: p.get('q') ?? '',
      syntax: choice('syntax'),
      typos: choice('typos'),
      from: validDate(p.get('from')),
      to: validDate(p.get('to')),
      sort: choice('sort'),
      filters: p.getAll('filter').filter((f) => f.includes(':')),
      after: p.get('after') ?? '',
      similar: p.get('similar') ?? '',
    };
  }

  function validDate(text) {
    return /^\d{4}-\d{2}-\d{2}$/.test(text ?? '') ? text : '';
  }

  /** The page's own URL for a state: defaults are left out so that shared links stay short. */
  function urlFor(s) {
    const p = new URLSearchParams();
    if (s.similar) p.set('similar', s.similar);
    if (s.q) p.set('q', s.q);
    for (const name of ['syntax', 'typos', 'sort']) {
      if (s[name] !== DEFAULTS[name]) p.set(name, s[name]);
    }
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
    for (const f of s.filters) p.append('filter', f);
    if (s.after) p.set('after', s.after);
    const query = p.toString();
    return query ? `?${query}` : location.pathname;
  }

  /** @type {State} */
  let current = stateFromUrl('');
  // Cursors of the pages before the current one ('' is the first page); kept in history.state so Back restores them.
  let previousCursors = [];

  function navigate(s, cursors = []) {
    previousCursors = cursors;
    history.pushState({ previousCursors }, '', urlFor(s));
    fillForm(s);
    return show(s);
  }

  /** A new search from the current one: paging starts again because a cursor belongs to one query and order. */
  function refine(changes) {
    return navigate({ ...current, after: '', ...changes });
  }

  window.addEventListener('popstate', (event) => {
    previousCursors = event.state?.previousCursors ?? [];
    const s = stateFromUrl(location.search);
    fillForm(s);
    show(s);
  });

  function fillForm(s) {
    ui.q.value = s.q;
    ui.from.value = s.from;
    ui.to.value = s.to;
    ui.sort.value = s.sort;
    ui.syntax.value = s.syntax;
    ui.typos.value = s.typos;
  }

  // ---- API -----------------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, problem, retryAfter) {
      super(problem?.detail || problem?.title || `The server answered with status ${status}.`);
      this.status = status;
      this.problem = problem ?? {};
      this.retryAfter = retryAfter ?? null;
    }
  }

  async function getJson(path, params, signal) {
    const url = new URL(path, API);
    if (params) url.search = params.toString();
    let response;
    try {
      response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, { detail: 'The search service could not be reached.' });
    }
    const type = response.headers.get('content-type') ?? '';
    const body = type.includes('json') ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
      throw new ApiError(response.status, body, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
    }
    return body;
  }

  /** The API's root with a final slash, so that relative paths such as 'search' resolve beneath it. */
  function apiBase(configured) {
    const prefix = configured && !configured.includes('{{') ? configured : 'api';
    return new URL(prefix.endsWith('/') ? prefix : `${prefix}/`, document.baseURI);
  }

  /** Ids may hold slashes: each segment is encoded, the slashes stay, as the API's route expects. */
  function idPath(id) {
    return id.split('/').map(encodeURIComponent).join('/');
  }

  // What the index holds, for the facets and the header; kept once read, asked again while the index cannot answer yet.
  let statsCache = null;
  async function loadStats() {
    if (statsCache) return statsCache;
    try {
      const stats = await getJson('stats');
      const range = stats.dateFrom && stats.dateTo ? `, ${stats.dateFrom} to ${stats.dateTo}` : '';
      ui.stats.textContent = `${numberFormat.format(stats.documents)} documents${range}`;
      statsCache = stats;
      return stats;
    } catch {
      return { documents: 0, tags: [] };
    }
  }
  loadStats();

  /** Day buckets for a range up to about two months, months up to three years, years beyond. */
  function dateFacetFor(s, stats) {
    const from = s.from || stats.dateFrom;
    const to = s.to || stats.dateTo;
    if (!from || !to) return 'date:year';
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days <= 62) return 'date:day';
    return days <= 3 * 366 ? 'date:month' : 'date:year';
  }

  function searchParams(s, stats, dateFacet) {
    const p = new URLSearchParams();
    if (!s.similar) {
      p.set('q', s.q);
      p.set('syntax', s.syntax);
      p.set('typos', s.typos);
    }
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    p.set('limit', String(PAGE_SIZE));
    if (s.after) p.set('after', s.after);
    for (const tag of stats.tags ?? []) p.append('facet', tag.name);
    p.append('facet', dateFacet);
    for (const f of s.filters) p.append('filter', f);
    return p;
  }

  // ---- searching -----------------------------------------------------------------------------------------------

  let searchController = null;

  async function show(s) {
    current = s;
    cancelCompletions();
    searchController?.abort();
    renderChips(s);
    if (!s.q.trim() && !s.similar) {
      clearResults();
      hideError();
      return;
    }
    const controller = new AbortController();
    searchController = controller;
    ui.resultsSection.setAttribute('aria-busy', 'true');
    try {
      const stats = await loadStats();
      const dateFacet = dateFacetFor(s, stats);
      const path = s.similar ? `similar/${idPath(s.similar)}` : 'search';
      const data = await getJson(path, searchParams(s, stats, dateFacet), controller.signal);
      if (controller.signal.aborted) return;
      hideError();
      render(s, data, stats, dateFacet);
    } catch (e) {
      if (e.name === 'AbortError') return;
      clearResults();
      showError(e, s);
      // 503 means the index cannot answer yet (it is being built): try the same search again when the server says to.
      if (e.status === 503 && e.retryAfter) setTimeout(() => { if (current === s) show(s); }, e.retryAfter * 1000);
    } finally {
      if (searchController === controller) ui.resultsSection.removeAttribute('aria-busy');
    }
  }

  function clearResults() {
    ui.results.replaceChildren();
    ui.total.textContent = '';
    delete ui.total.dataset.total;
    ui.suggestion.hidden = true;
    ui.notes.hidden = true;
    ui.pager.hidden = true;
    ui.facets.hidden = true;
    ui.similarBanner.hidden = true;
  }

  function render(s, data, stats, dateFacet) {
    renderSimilarBanner(s);
    renderSuggestion(s, data.suggestion);
    const hits = data.hits ?? [];
    ui.total.dataset.total = String(data.totalHits);
    ui.total.textContent = `${numberFormat.format(data.totalHits)} ${data.totalHits === 1 ? 'result' : 'results'} in ${msFormat.format(data.tookMs)} ms`;
    renderNotes(data);
    ui.results.start = previousCursors.length * PAGE_SIZE + 1;
    ui.results.replaceChildren(...hits.map((hit) => renderHit(s, hit)));
    renderPager(s, data.next);
    renderFacets(s, data.facets ?? {}, stats, dateFacet);
  }

  function renderNotes(data) {
    const notes = [];
    if (data.partial) notes.push('The search ran out of time, so these results may be incomplete.');
    if (data.droppedStopWords?.length) notes.push(`Common words left out: ${data.droppedStopWords.join(', ')}.`);
    ui.notes.textContent = notes.join(' ');
    ui.notes.hidden = notes.length === 0;
  }

  function renderSuggestion(s, suggestion) {
    if (!suggestion || s.similar) {
      ui.suggestion.hidden = true;
      return;
    }
    const link = element('a', { href: urlFor({ ...s, q: suggestion, after: '' }) }, suggestion);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      refine({ q: suggestion });
    });
    ui.suggestion.replaceChildren('Did you mean ', link, '?');
    ui.suggestion.hidden = false;
  }

  function renderSimilarBanner(s) {
    if (!s.similar) {
      ui.similarBanner.hidden = true;
      return;
    }
    const name = element('q', {}, s.similar);
    const back = element('a', { href: urlFor({ ...s, similar: '', after: '' }) }, s.q ? 'Back to the search' : 'Clear');
    back.addEventListener('click', (event) => {
      event.preventDefault();
      refine({ similar: '' });
    });
    ui.similarBanner.replaceChildren('Documents similar to ', name, ' · ', back);
    ui.similarBanner.hidden = false;
    // The id is what the URL holds; the title reads better once it has arrived.
    getJson(`documents/${idPath(s.similar)}`).then((doc) => {
      if (current.similar === s.similar && doc?.title) name.textContent = doc.title;
    }, () => {});
  }

  function renderHit(s, hit) {
    const title = element('a', { className: 'title', href: new URL(`documents/${idPath(hit.id)}`, API).href });
    appendHighlighted(title, hit.titleHighlighted || hit.title || hit.id);
    title.addEventListener('click', (event) => {
      event.preventDefault();
      openDocument(hit.id, title);
    });

    const head = element('div', { className: 'hit-head' },
      element('h3', {}, title),
      hit.date ? element('time', { className: 'date', dateTime: hit.date }, hit.date) : element('span', { className: 'date undated' }, 'No date'));

    const snippets = (hit.snippets ?? []).map((snippet) => appendHighlighted(element('p', { className: 'snippet' }), snippet));

    const tags = element('ul', { className: 'tags' });
    for (const [name, values] of Object.entries(hit.tags ?? {})) {
      for (const value of values) {
        const active = s.filters.includes(`${name}:${value}`);
        const button = element('button', { type: 'button', className: 'tag', disabled: active, title: `Filter by ${name}: ${value}` },
          element('span', { className: 'tag-name' }, name), ' ', value);
        button.addEventListener('click', () => addFilter(name, value));
        tags.append(element('li', {}, button));
      }
    }

    // Similar documents come best first: a date order would bury the closest ones.
    const similarState = { ...s, similar: hit.id, sort: 'relevance', after: '' };
    const similar = element('a', { className: 'similar', href: urlFor(similarState) }, 'Similar');
    similar.setAttribute('aria-label', `Documents similar to ${hit.title || hit.id}`);
    similar.addEventListener('click', (event) => {
      event.preventDefault();
      navigate(similarState);
    });

    return element('li', { className: 'hit' }, head, ...snippets,
      element('div', { className: 'hit-foot' }, tags.childElementCount ? tags : '', similar));
  }

  /**
   * Appends library-highlighted text: the library HTML-encodes the text and adds <mark> tags. Only those tags become
   * elements; every other part is decoded and appended as text, so even a title the server passed through unencoded
   * cannot add markup.
   */
  function appendHighlighted(parent, html) {
    const parts = String(html).split(/(<mark>|<\/mark>)/);
    let target = parent;
    for (const part of parts) {
      if (part === '<mark>') {
        target = parent.appendChild(document.createElement('mark'));
      } else if (part === '</mark>') {
        target = parent;
      } else if (part) {
        target.append(decodeEntities(part));
      }
    }
    return parent;
  }

  const decoder = document.createElement('textarea');
  // A detached textarea parses its content as text with character references: no element is ever created.
  function decodeEntities(text) {
    if (!text.includes('&')) return text;
    decoder.innerHTML = text;
    return decoder.value;
  }

  // ---- paging --------------------------------------------------------------------------------------------------

  function renderPager(s, next) {
    ui.prev.disabled = !s.after;
    ui.next.disabled = !next;
    ui.next.dataset.cursor = next ?? '';
    ui.pager.hidden = !s.after && !next;
    ui.pageNumber.textContent = `Page ${previousCursors.length + 1}`;
  }

  ui.next.addEventListener('click', () => {
    const cursor = ui.next.dataset.cursor;
    if (!cursor) return;
    navigate({ ...current, after: cursor }, [...previousCursors, current.after]).then(scrollToResults);
  });

  ui.prev.addEventListener('click', () => {
    // A page opened from a link has no cursors behind it: Previous then goes back to the first page.
    const cursors = previousCursors.slice(0, -1);
    const after = previousCursors.at(-1) ?? '';
    navigate({ ...current, after }, after ? cursors : []).then(scrollToResults);
  });

  function scrollToResults() {
    ui.resultsSection.scrollIntoView({ block: 'start' });
  }

  // ---- facets and filters --------------------------------------------------------------------------------------

  function addFilter(name, value) {
    const filter = `${name}:${value}`;
    if (!current.filters.includes(filter)) refine({ filters: [...current.filters, filter] });
  }

  function removeFilter(filter) {
    refine({ filters: current.filters.filter((f) => f !== filter) });
  }

  function renderChips(s) {
    const chips = s.filters.map((filter) => {
      const split = filter.indexOf(':');
      const label = `${filter.slice(0, split)}: ${filter.slice(split + 1)}`;
      return chip(label, `Remove filter ${label}`, () => removeFilter(filter), filter);
    });
    if (s.from || s.to) {
      const label = `Dates: ${s.from || '…'} to ${s.to || '…'}`;
      chips.push(chip(label, 'Remove the date range', () => refine({ from: '', to: '' }), 'dates'));
    }
    ui.chips.replaceChildren(...chips);
  }

  function chip(label, removeLabel, remove, key) {
    const button = element('button', { type: 'button', className: 'chip', title: removeLabel },
      element('span', {}, label), element('span', { className: 'chip-x' }, '×'));
    button.dataset.filter = key;
    button.setAttribute('aria-label', removeLabel);
    button.addEventListener('click', remove);
    return button;
  }

  function renderFacets(s, facets, stats, dateFacet) {
    const blocks = [];
    for (const tag of stats.tags ?? []) {
      const values = facets[tag.name];
      if (!values?.length) continue;
      // A tag whose commonest value holds one hit is an identifier (an id column of imported metadata), not a category.
      if (values.length > 1 && values[0].count === 1 && !s.filters.some((f) => f.startsWith(`${tag.name}:`))) continue;
      const list = element('ul', {});
      for (const { value, count } of values) {
        const filter = `${tag.name}:${value}`;
        const active = s.filters.includes(filter);
        const button = element('button', { type: 'button', className: 'facet-value' },
          element('span', { className: 'value' }, value), ' ', element('span', { className: 'count' }, numberFormat.format(count)));
        button.dataset.value = value;
        button.dataset.count = String(count);
        button.setAttribute('aria-pressed', String(active));
        button.addEventListener('click', () => (active ? removeFilter(filter) : addFilter(tag.name, value)));
        list.append(element('li', {}, button));
      }
      const block = element('div', { className: 'facet facet-block' }, element('h2', {}, tag.name), list);
      block.dataset.name = tag.name;
      blocks.push(block);
    }
    ui.tagFacets.replaceChildren(...blocks);
    const hasDates = renderHistogram(facets[dateFacet] ?? [], dateFacet);
    ui.facets.hidden = blocks.length === 0 && !hasDates;
  }

  function renderHistogram(buckets, dateFacet) {
    ui.dateFacet.hidden = buckets.length === 0;
    ui.histogram.dataset.name = dateFacet;
    if (buckets.length === 0) {
      ui.histogram.replaceChildren();
      return false;
    }
    const max = Math.max(...buckets.map((b) => b.count), 1);
    const bars = buckets.map(({ value, count }) => {
      const label = `${value}: ${numberFormat.format(count)} ${count === 1 ? 'document' : 'documents'}`;
      const fill = element('span', { className: 'bar-fill' });
      fill.style.height = `${Math.max((count / max) * 100, count > 0 ? 2 : 0)}%`;
      const bar = element('button', { type: 'button', className: 'bar', title: label }, fill);
      bar.dataset.value = value;
      bar.dataset.count = String(count);
      bar.setAttribute('aria-label', label);
      bar.addEventListener('click', () => {
        const [from, to] = bucketRange(value);
        refine({ from, to });
      });
      return bar;
    });
    const axis = element('div', { className: 'axis' },
      element('span', {}, buckets[0].value), element('span', {}, buckets.length > 1 ? buckets.at(-1).value : ''));
    ui.histogram.replaceChildren(element('div', { className: 'bars', role: 'group', ariaLabel: `Documents by ${dateFacet.slice(5)}` }, ...bars), axis);
    return true;
  }

  /** The first and last day of a histogram label: 1987, 1987-03 or 1987-03-14. */
  function bucketRange(label) {
    const [year, month] = label.split('-').map(Number);
    if (label.length === 4) return [`${label}-01-01`, `${label}-12-31`];
    if (label.length === 7) {
      const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
      return [`${label}-01`, `${label}-${String(lastDay).padStart(2, '0')}`];
    }
    return [label, label];
  }

  // ---- the form ------------------------------------------------------------------------------------------------

  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    cancelCompletions();
    navigate({
      ...current,
      q: ui.q.value.trim(),
      from: ui.from.value,
      to: ui.to.value,
      sort: ui.sort.value,
      syntax: ui.syntax.value,
      typos: ui.typos.value,
      after: '',
      similar: '',
    });
  });

  // Options apply at once to the search on screen; with nothing searched yet they wait for the next submit.
  for (const name of ['from', 'to', 'sort', 'syntax', 'typos']) {
    ui[name].addEventListener('change', () => {
      if (current.q || current.similar) refine({ [name]: ui[name].value });
    });
  }

  // ---- completions (WAI-ARIA combobox with a listbox popup) ----------------------------------------------------

  let completionTimer = 0;
  let completionController = null;
  let completions = [];
  let activeCompletion = -1;

  ui.q.addEventListener('input', () => {
    clearTimeout(completionTimer);
    const text = ui.q.value;
    if (!text.trim()) {
      cancelCompletions();
      return;
    }
    completionTimer = setTimeout(() => loadCompletions(text), COMPLETION_DELAY_MS);
  });

  async function loadCompletions(text) {
    completionController?.abort();
    const controller = new AbortController();
    completionController = controller;
    try {
      const data = await getJson('complete', new URLSearchParams({ q: text, limit: String(COMPLETION_LIMIT) }), controller.signal);
      // A reply for text the user has since changed or submitted would show stale choices.
      if (controller.signal.aborted || ui.q.value !== text || document.activeElement !== ui.q) return;
      showCompletions(data.completions ?? []);
    } catch {
      closeCompletions();
    }
  }

  function showCompletions(list) {
    completions = list.filter((c) => c.query !== ui.q.value);
    activeCompletion = -1;
    ui.q.removeAttribute('aria-activedescendant');
    if (completions.length === 0) {
      closeCompletions();
      return;
    }
    ui.completions.replaceChildren(...completions.map((c, i) => {
      const option = element('li', { className: 'completion', id: `completion-${i}`, role: 'option' },
        element('span', { className: 'completion-text' }, c.query),
        element('span', { className: 'count', ariaLabel: `${c.documents} documents` }, numberFormat.format(c.documents)));
      option.setAttribute('aria-selected', 'false');
      // Keeps the focus in the box, so the box's blur does not close the list before the click lands.
      option.addEventListener('mousedown', (event) => event.preventDefault());
      option.addEventListener('click', () => chooseCompletion(i));
      return option;
    }));
    ui.completions.hidden = false;
    ui.q.setAttribute('aria-expanded', 'true');
  }

  function closeCompletions() {
    ui.completions.hidden = true;
    ui.completions.replaceChildren();
    ui.q.setAttribute('aria-expanded', 'false');
    ui.q.removeAttribute('aria-activedescendant');
    completions = [];
    activeCompletion = -1;
  }

  function cancelCompletions() {
    clearTimeout(completionTimer);
    completionController?.abort();
    closeCompletions();
  }

  function setActiveCompletion(index) {
    activeCompletion = index;
    [...ui.completions.children].forEach((option, i) => {
      option.setAttribute('aria-selected', String(i === index));
      option.classList.toggle('active', i === index);
    });
    const option = ui.completions.children[index];
    if (option) {
      ui.q.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }
  }

  function chooseCompletion(index) {
    ui.q.value = completions[index].query;
    cancelCompletions();
    ui.form.requestSubmit();
  }

  ui.q.addEventListener('keydown', (event) => {
    const open = !ui.completions.hidden && completions.length > 0;
    switch (event.key) {
      case 'ArrowDown':
        if (!open) return;
        event.preventDefault();
        setActiveCompletion((activeCompletion + 1) % completions.length);
        break;
      case 'ArrowUp':
        if (!open) return;
        event.preventDefault();
        setActiveCompletion(activeCompletion <= 0 ? completions.length - 1 : activeCompletion - 1);
        break;
      case 'Enter':
        if (open && activeCompletion >= 0) {
          event.preventDefault();
          chooseCompletion(activeCompletion);
        }
        break;
      case 'Escape':
        if (open) {
          // Closes the list only; a second Escape lets the search box clear itself as usual.
          event.preventDefault();
          cancelCompletions();
        }
        break;
      default:
        break;
    }
  });

  ui.q.addEventListener('blur', () => cancelCompletions());

  // ---- the document dialog -------------------------------------------------------------------------------------

  async function openDocument(id) {
    try {
      const doc = await getJson(`documents/${idPath(id)}`);
      ui.docTitle.textContent = doc.title || doc.id;
      ui.docMeta.textContent = doc.date ? `${doc.date} · ${doc.id}` : doc.id;
      ui.docTags.replaceChildren(...Object.entries(doc.tags ?? {}).flatMap(([name, values]) =>
        values.map((value) => element('li', { className: 'tag' }, element('span', { className: 'tag-name' }, name), ' ', value))));
      ui.docBody.replaceChildren(...String(doc.body ?? '').split(/\n\s*\n/).filter((p) => p.trim())
        .map((paragraph) => element('p', {}, paragraph)));
      ui.dialog.showModal();
      ui.dialog.scrollTop = 0;
    } catch (e) {
      showError(e, null);
    }
  }

  // A click on the backdrop lands on the dialog element itself.
  ui.dialog.addEventListener('click', (event) => {
    if (event.target === ui.dialog) ui.dialog.close();
  });

  // ---- errors --------------------------------------------------------------------------------------------------

  function showError(error, s) {
    const message = error instanceof ApiError ? error.message : 'Something went wrong in the page.';
    const parts = [element('p', { className: 'error-message' }, message)];
    if (error.status === 503 && error.retryAfter) {
      parts.push(element('p', { className: 'muted' }, `Trying again in ${error.retryAfter} seconds.`));
    }
    const position = error.problem?.position;
    if (s && Number.isInteger(position) && position >= 0 && position <= s.q.length) {
      // The query with the offending character marked, so the user sees where the parser stopped.
      const at = s.q.slice(position, position + 1) || ' ';
      parts.push(element('pre', { className: 'error-query' },
        s.q.slice(0, position), element('mark', { className: 'error-position' }, at), s.q.slice(position + 1)));
    }
    ui.error.replaceChildren(...parts);
    ui.error.hidden = false;
  }

  function hideError() {
    ui.error.hidden = true;
    ui.error.replaceChildren();
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  /** Creates an element; children are nodes or strings, and strings always become text. */
  function element(tag, properties, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(properties)) {
      if (key === 'role' || key === 'ariaLabel') node.setAttribute(key === 'role' ? 'role' : 'aria-label', value);
      else node[key] = value;
    }
    node.append(...children.filter((child) => child !== ''));
    return node;
  }

  // ---- start ---------------------------------------------------------------------------------------------------

  const initial = stateFromUrl(location.search);
  previousCursors = history.state?.previousCursors ?? [];
  history.replaceState({ previousCursors }, '', location.href);
  fillForm(initial);
  show(initial);
})();
