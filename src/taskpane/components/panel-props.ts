import type { WorkbookGateway } from '../../excel/gateway';
import type { Lang, PlanStore } from '../../runtime/plan-store';
import type { Strings } from '../i18n';

/** What the pane's workbook panels receive. */
export interface PanelProps {
  store: PlanStore;
  gateway: WorkbookGateway;
  lang: Lang;
  t: Strings;
  /** The Office user's name, when Office gives one. */
  userName?: string;
  /** Base64 of assets/rtl-template.xlsx. */
  loadTemplate: () => Promise<string | undefined>;
}
