// What the plan server answers to changes and workbooks: one shape for the server that writes it
// and every client that reads it (the command line, the pane, the pages).
import type { FieldValue } from '../grid/read';
import type { Bilingual } from '../plan/problems';

/** Why a change was refused: not the sender's unit, not a field they may write, a locked period, not a value the plan can hold, no such line. */
export type Reason = 'unit' | 'field' | 'locked' | 'value' | 'unknown';

/** One change as sent: `field` as in the change log (`actuals.1403`, `notes.1403-H1`). */
export interface ChangeIn {
  ref: string;
  field: string;
  value: FieldValue;
}

/** The answer to changes merged on the server: each change in exactly one list. */
export interface ChangesAnswer {
  applied: Array<{ ref: string; field: string; from: FieldValue; to: FieldValue; unchanged?: true }>;
  /** The plan changed on the server since the sender's base: nothing applied for these. */
  conflicts: Array<{ ref: string; field: string; value: FieldValue; base: FieldValue; current: FieldValue; message: Bilingual }>;
  refused: Array<{ ref: string; field: string; value: unknown; reason: Reason; message: Bilingual }>;
  revision: number;
}

/** The answer when the plan asks for review: the changes wait for the secretariat (those it could never accept are refused at once). */
export interface SubmissionAnswer {
  submission: string;
  status: 'pending';
  refused?: ChangesAnswer['refused'];
}

export const isSubmission = (a: ChangesAnswer | SubmissionAnswer): a is SubmissionAnswer => 'submission' in a;

/** An evidence file as the server lists it (the bytes come only as a download, by id). */
export interface EvidenceItem {
  id: string;
  ref: string;
  period: string;
  name: string;
  type: string;
  size: number;
  by: string;
  /** ISO 8601 time. */
  at: string;
}
