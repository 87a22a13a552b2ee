/* Generated from schemas/plan.schema.json by `npm run gen:schema`. Do not edit by hand. */

/**
 * An id: no control characters (not even line breaks or tabs, which .xlsx cells do not carry as written) and no space at either end.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id = string;
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "year".
 */
export type Year = number;
/**
 * An id: no control characters (not even line breaks or tabs, which .xlsx cells do not carry as written) and no space at either end.
 */
export type Id1 = string;
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "polarity".
 */
export type Polarity = 'positive' | 'negative';
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "aggregation".
 */
export type Aggregation = 'sum' | 'last' | 'average' | 'max' | 'min';
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "scoring".
 */
export type Scoring = 'ratio' | 'progress';
/**
 * How much a line or indicator counts in the weighted mean above it (default 1); 0: scored on its own, counts for nothing in the mean.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "weight".
 */
export type Weight = number;
/**
 * Cumulative value to the end of the year before the baseline year.
 */
export type Value = number | null;
/**
 * Actual of the baseline year; the start point of progress scoring.
 */
export type Value1 = number | null;
/**
 * A number within ±1e15 (the 15 digits Excel keeps), or null for 'not set / not known' (never 0 in disguise).
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "value".
 */
export type Value2 = number | null;
/**
 * Inherited from the indicator when absent.
 */
export type Polarity1 = 'positive' | 'negative';
/**
 * Inherited from the indicator when absent.
 */
export type Aggregation1 = 'sum' | 'last' | 'average' | 'max' | 'min';
/**
 * The item's own scoring (ratio when absent; progress needs the item's own baseline).
 */
export type Scoring1 = 'ratio' | 'progress';

/**
 * A PlanSheets canonical plan file, version 1 (see docs/plan-format.md of the project's shared docs).
 */
export interface Plan {
  $schema?: string;
  format: 'plansheets.plan';
  version: 1;
  meta: PlanMeta;
  nodes?: PlanNode[];
  workingGroups?: WorkingGroup[];
  units?: Unit[];
  districts?: District[];
  indicators: Indicator[];
  changes?: Change[];
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "meta".
 */
export interface PlanMeta {
  id: Id;
  title: string;
  titleEn?: string;
  organization?: string;
  description?: string;
  /**
   * fa-IR plans get right-to-left sheets and Persian labels.
   */
  locale?: string;
  calendar?: 'jalali' | 'gregorian';
  /**
   * @minItems 1
   * @maxItems 50
   */
  years: [Year, ...Year[]];
  baselineYear?: Year;
  currency?: string;
  levels?: Level[];
  achievement?: AchievementSettings;
  /**
   * Closed periods: merges and syncs refuse to change their actuals.
   */
  locked?: string[];
  /**
   * On a plan server, "required" makes reporters' changes wait for the secretariat's acceptance.
   */
  review?: 'none' | 'required';
  /**
   * +1 on every save; used to detect stale workbooks.
   */
  revision?: number;
  /**
   * What an importer had to interpret in the source tables (shown as warnings until removed).
   */
  importNotes?: ImportNote[];
}
export interface Level {
  id: Id;
  title: string;
  titleEn?: string;
}
export interface AchievementSettings {
  /**
   * Upper clamp of a ratio (default 1.2).
   */
  cap?: number;
  /**
   * Lowest green achievement (default 0.9).
   */
  green?: number;
  /**
   * Lowest amber achievement (default 0.7).
   */
  amber?: number;
}
export interface ImportNote {
  source?: string;
  line: number;
  ref?: string;
  found: string;
  reading: string;
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "node".
 */
export interface PlanNode {
  id: Id;
  level: Id;
  parent?: Id;
  title: string;
  titleEn?: string;
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "workingGroup".
 */
export interface WorkingGroup {
  id: Id;
  title: string;
  titleEn?: string;
  chair?: string;
  secretary?: string;
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "unit".
 */
export interface Unit {
  id: Id;
  title: string;
  titleEn?: string;
  code?: string;
  workingGroups?: Id[];
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "district".
 */
export interface District {
  id: Id;
  title: string;
  titleEn?: string;
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "indicator".
 */
export interface Indicator {
  id?: Id1;
  /**
   * As approved; ASCII digits and '-' once stored.
   */
  code: string;
  parent?: Id;
  /**
   * As printed; null when the document gives none.
   */
  title?: string | null;
  titleEn?: string;
  description?: string;
  workingGroup?: Id;
  unit?: Id;
  budgetCode?: string;
  /**
   * Unit of measure, free text; null when the document leaves it blank.
   */
  measure?: string | null;
  polarity?: Polarity;
  aggregation?: Aggregation;
  scoring?: Scoring;
  type?: 'create' | 'develop' | 'study' | 'design' | 'acquire' | 'equipment' | 'hr' | 'other';
  weight?: Weight;
  baseline?: Baseline;
  targets?: YearValues;
  horizon?: Value2;
  actuals?: PeriodValues;
  funding?: {
    [k: string]: Funding;
  };
  partners?: Partner[];
  evidence?: string;
  method?: string;
  notes?: PeriodNotes;
  evidenceSubmitted?: PeriodNotes1;
  /**
   * A free remark on the line, edited in the indicator sheets' notes column (per-year milestones stay in notes).
   */
  comment?: string;
  refs?: StandardRef[];
  items?: Item[];
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "baseline".
 */
export interface Baseline {
  cumulative?: Value;
  previous?: Value1;
}
/**
 * Plan year (or baseline year) -> number or null.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "yearValues".
 */
export interface YearValues {
  [k: string]: Value2;
}
/**
 * Year ('1403') or period ('1403-H1', '1403-Q2', '1403-M07') -> number or null.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "periodValues".
 */
export interface PeriodValues {
  [k: string]: Value2;
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "funding".
 */
export interface Funding {
  planned?: Value2;
  spent?: Value2;
}
export interface Partner {
  unit: Id;
  role?: string;
}
/**
 * Text milestones and remarks per year or period.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "periodNotes".
 */
export interface PeriodNotes {
  [k: string]: string;
}
/**
 * Text milestones and remarks per year or period.
 */
export interface PeriodNotes1 {
  [k: string]: string;
}
export interface StandardRef {
  scheme: string;
  id: string;
}
/**
 * A sub-indicator: one measured line of a composite indicator.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "item".
 */
export interface Item {
  id: Id;
  /**
   * As printed; null when the document gives none.
   */
  title?: string | null;
  titleEn?: string;
  /**
   * Inherited from the indicator when absent or null.
   */
  measure?: string | null;
  polarity?: Polarity1;
  aggregation?: Aggregation1;
  scoring?: Scoring1;
  baseline?: Baseline;
  weight?: Weight;
  targets?: YearValues;
  horizon?: Value2;
  actuals?: PeriodValues;
  notes?: PeriodNotes;
  evidenceSubmitted?: PeriodNotes2;
  /**
   * A free remark on the line, edited in the indicator sheets' notes column (per-year milestones stay in notes).
   */
  comment?: string;
  district?: string | null;
}
/**
 * Text milestones and remarks per year or period.
 */
export interface PeriodNotes2 {
  [k: string]: string;
}
/**
 * One entry of the append-only audit trail.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "change".
 */
export interface Change {
  /**
   * ISO 8601 time.
   */
  at: string;
  by?: string;
  ref: string;
  field: string;
  from?: number | string | null;
  to?: number | string | null;
}
