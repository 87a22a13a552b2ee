// Rebuilding sheets keeps what people typed: every editable cell whose content differs from the
// plan the sheets were built from (typed values and unreadable text alike) is carried into the
// new layout, so the next sync still sees it.
import type { PlanIndex } from '../plan/plan-index';
import { fieldOfColumn, type ReadCell, type SheetReading } from './read';
import { fieldValue, resolveReading } from './merge';
import { isDefinitionField } from './definition-fields';
import type { SheetModel } from './layout';

/** The typed cells of existing sheets: those that differ from the base (or could not be read). */
export function typedCells(base: PlanIndex | undefined, readings: readonly SheetReading[]): ReadCell[] {
  const out: ReadCell[] = [];
  for (const given of readings) {
    // A Definitions cell showing a unit's title holds its id: compared in the plan's terms.
    const r = base ? resolveReading(base, given) : given;
    for (const c of r.cells) {
      if (c.unreadable) out.push(c);
      else if (!base || fieldValue(base, c.ref, c.field) !== (c.value ?? null)) out.push(c);
    }
  }
  return out;
}

/**
 * Writes typed cells into freshly laid-out sheets (in place). Returns the typed cells whose row
 * the new layout does not have (an indicator left the plan), so they can be shown, not lost.
 */
export function carryOver(models: SheetModel[], typed: readonly ReadCell[]): ReadCell[] {
  const byKey = new Map(typed.map((c) => [`${c.ref}\u0000${c.field}`, c]));
  const used = new Set<string>();
  for (const m of models) {
    const fields = m.columns.map((c) => fieldOfColumn(c.id));
    for (const row of m.rows) {
      fields.forEach((field, i) => {
        if (!field) return;
        const key = `${row.ref}\u0000${field}`;
        const cell = byKey.get(key);
        if (!cell) return;
        // A definition as typed (a unit's title, a ✓), not as the plan would hold it.
        row.cells[i] = cell.unreadable || isDefinitionField(cell.field) ? cell.raw : cell.value ?? null;
        used.add(key);
      });
    }
  }
  return typed.filter((c) => !used.has(`${c.ref}\u0000${c.field}`));
}
