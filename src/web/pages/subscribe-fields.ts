import { html, type Html } from '../views/html.js';
import { formValue, formValues } from '../http/form-body.js';
import { CSRF_FIELD } from '../http/csrf.js';
import { parseFrequency, parseInterests, parseWeekday, type Preferences } from '../../store/subscribers-input.js';

/** The raw text of the preference fields, kept to re-render a form exactly as it was sent. */
export interface PreferencesText {
  frequency: string;
  weekday: string;
  categories: string;
  topics: string;
  authors: string;
  organizations: string;
  papers: string;
}

/** A message per field name, shown next to that field. */
export type FieldErrors = Partial<Record<keyof PreferencesText | 'email', string>>;

const LISTS = ['categories', 'topics', 'authors', 'organizations', 'papers'] as const;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Topics, authors and organizations are one per line (names contain commas); ids and categories split on any separator. */
function split(text: string, byLine: boolean): string[] {
  return text.split(byLine ? /\r?\n/ : /[\s,;]+/).map((s) => s.trim()).filter(Boolean);
}

/** The fields as typed, from a parsed form body (each field may also be repeated). */
export function preferencesText(body: unknown): PreferencesText {
  const joined = (name: string): string => formValues(body, name).join('\n').slice(0, 8000);
  return {
    frequency: formValue(body, 'frequency') ?? 'daily', weekday: formValue(body, 'weekday') ?? '1',
    categories: joined('categories'), topics: joined('topics'), authors: joined('authors'),
    organizations: joined('organizations'), papers: joined('papers'),
  };
}

/** Stored preferences as form text (the preferences page starts from these). */
export function textOfPreferences(p: Preferences): PreferencesText {
  const i = p.interests;
  return {
    frequency: p.frequency, weekday: String(p.weekday), categories: i.categories.join(', '), topics: i.topics.join('\n'),
    authors: i.authors.join('\n'), organizations: i.organizations.join('\n'), papers: i.papers.join(' '),
  };
}

/** Validates the fields; either the preferences or a message per field that is wrong. */
export function readPreferences(t: PreferencesText): { ok: true; prefs: Preferences } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const frequency = parseFrequency(t.frequency);
  if (!frequency) errors.frequency = 'Choose daily or weekly.';
  const weekday = parseWeekday(t.weekday);
  if (weekday === null) errors.weekday = 'Choose a day of the week.';
  const interests = parseInterests({
    categories: split(t.categories, false), topics: split(t.topics, true), authors: split(t.authors, true),
    organizations: split(t.organizations, true), papers: split(t.papers, false),
  });
  if (!interests.ok) for (const name of LISTS) if (interests.errors[name]) errors[name] = `${interests.errors[name]}.`.replace(/\.\.$/, '.');
  if (!frequency || weekday === null || !interests.ok) return { ok: false, errors };
  return { ok: true, prefs: { frequency, weekday, interests: interests.value } };
}

/** One labelled field with its hint and, when it was wrong, the message tied to it for screen readers. */
export function field(name: string, label: string, control: (attrs: Html) => Html, error?: string, hint?: string): Html {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const attrs = html`id="${id}" name="${name}"${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  return html`<p class="form-field"><label for="${id}">${label}</label><br>
${hint ? html`<small id="${id}-hint" class="hint">${hint}</small><br>` : ''}${control(attrs)}
${error ? html`<br><strong class="field-error" id="${id}-error">${error}</strong>` : ''}</p>`;
}

function textarea(name: string, label: string, value: string, errors: FieldErrors, hint: string): Html {
  return field(name, label, (a) => html`<textarea ${a} rows="3" cols="48">${value}</textarea>`, errors[name as keyof FieldErrors], hint);
}

/** Frequency, weekday and interests: the part the subscribe and preferences forms share. */
export function preferencesFieldset(t: PreferencesText, errors: FieldErrors): Html {
  const weekly = t.frequency === 'weekly';
  return html`<fieldset class="form-group"><legend>How often</legend>
<p><label><input type="radio" name="frequency" value="daily"${weekly ? '' : html` checked`}> Daily, Monday to Friday</label><br>
<label><input type="radio" name="frequency" value="weekly"${weekly ? html` checked` : ''}> Weekly</label></p>
${errors.frequency ? html`<p><strong class="field-error">${errors.frequency}</strong></p>` : ''}
${field('weekday', 'Day for the weekly digest', (a) => html`<select ${a}>${DAYS.map((d, i) => html`<option value="${i + 1}"${String(i + 1) === t.weekday ? html` selected` : ''}>${d}</option>`)}</select>`, errors.weekday)}
</fieldset>
<fieldset class="form-group"><legend>Interests (all optional)</legend>
<p class="lede">With no interests you get the top trending papers of the period.</p>
${field('categories', 'arXiv categories', (a) => html`<input ${a} type="text" size="48" value="${t.categories}" placeholder="cs.CL, cs.LG">`, errors.categories, 'Separated by commas or spaces.')}
${textarea('topics', 'Topics', t.topics, errors, 'One per line: keywords ("diffusion") or a sentence ("speech recognition for low-resource languages").')}
${textarea('authors', 'Authors', t.authors, errors, 'One name per line.')}
${textarea('organizations', 'Organizations', t.organizations, errors, 'One per line, e.g. Google DeepMind.')}
${field('papers', 'Papers like these', (a) => html`<input ${a} type="text" size="48" value="${t.papers}" placeholder="2401.01234 2312.00752">`, errors.papers, 'arXiv ids or addresses (arXiv, Hugging Face), separated by spaces or commas.')}
</fieldset>`;
}

/** The hidden CSRF field every POST form carries. */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}
