// The sheet names PlanSheets writes for itself. A working group or unit titled like one of them
// would collide with it (a second sheet of the same name is refused by Excel and exceljs) or be
// taken for it (the Facts write replaces its sheets by name, a rebuild drops leftovers under a
// temporary name), so indicator and template sheets never get these names, in either language,
// compared without regard to case as Excel compares.
import type { SheetLang } from './labels';
import { BASE_SHEET } from './base-sheet';
import { TEMP_NAME } from './generations';

/** The Facts table's sheet. */
export const FACTS_SHEET: Readonly<Record<SheetLang, string>> = { en: 'Facts', fa: 'داده‌ها' };
/** The sheet of the PivotTables over the Facts table. */
export const PIVOTS_SHEET: Readonly<Record<SheetLang, string>> = { en: 'Pivots', fa: 'جدول محوری' };
/** The sheet where the secretariat edits indicator definitions (core/grid/definitions.ts). */
export const DEFINITIONS_SHEET: Readonly<Record<SheetLang, string>> = { en: 'Definitions', fa: 'تعاریف شاخص‌ها' };
/** Excel's own: no workbook may have a sheet named History (support.microsoft.com "Rename a worksheet"). */
export const EXCEL_RESERVED_SHEET = 'History';

/** Every name PlanSheets' own sheets (and Excel) use, whatever the sheets' language. */
export const RESERVED_SHEET_NAMES: readonly string[] = [BASE_SHEET, ...Object.values(FACTS_SHEET), ...Object.values(PIVOTS_SHEET), ...Object.values(DEFINITIONS_SHEET), EXCEL_RESERVED_SHEET];

/** Every temporary name (generations.ts tempName, TEMP_NAME, isTempFactsName) begins with this. */
export const TEMP_PREFIX = `${BASE_SHEET}~`;

/**
 * Whether a sheet name is PlanSheets' (or Excel's) own: a reserved name, or in the temporary
 * names' space. TEMP_NAME is read at call time: generations.ts imports layout.ts, which imports this.
 */
export function isReservedSheetName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    RESERVED_SHEET_NAMES.some((r) => r.toLowerCase() === lower) ||
    lower.startsWith(TEMP_PREFIX.toLowerCase()) ||
    new RegExp(TEMP_NAME.source, 'i').test(name)
  );
}
