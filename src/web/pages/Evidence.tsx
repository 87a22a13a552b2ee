import * as React from 'react';
import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang } from '../../runtime/plan-store';
import { api, planPath } from '../web-api';
import type { WebStrings } from '../web-strings';
import { number } from '../../taskpane/i18n';
import { EVIDENCE_ACCEPT, evidenceType } from './media';
import type { EvidenceItem } from '../../core/api/changes-answer';

export type { EvidenceItem };

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** The plan's evidence files (as this session may read them), by line. */
export function useEvidence(planId: string, failed: (e: unknown) => void) {
  const [items, setItems] = React.useState<EvidenceItem[]>([]);
  const reload = React.useCallback(async () => {
    try {
      const r = await api(`${planPath(planId)}/evidence`);
      setItems(Array.isArray(r.body) ? (r.body as EvidenceItem[]) : []);
    } catch (e) {
      failed(e);
    }
  }, [planId, failed]);
  React.useEffect(() => void reload(), [reload]);
  return { items, reload, failed };
}

/** A file as a download link: the server sends it only as an attachment, never as a page. */
export function EvidenceLink({ item, lang }: { item: EvidenceItem; lang: Lang }): React.JSX.Element {
  return (
    <Link href={`/api/evidence/${encodeURIComponent(String(item.id))}`} download={item.name}>
      <bdi>{item.name}</bdi> ({number(Math.max(1, Math.round(item.size / 1024)), lang)} KB)
    </Link>
  );
}

interface CellProps {
  s: WebStrings;
  lang: Lang;
  planId: string;
  line: { ref: string; title: string; evidence?: string | null };
  period: string;
  evidence: ReturnType<typeof useEvidence>;
  disabled: boolean;
}

/** A line's evidence for a period: what is kept, and a file to add. */
export function EvidenceCell({ s, lang, planId, line, period, evidence, disabled }: CellProps): React.JSX.Element {
  const styles = useStyles();
  const [said, setSaid] = React.useState<string | undefined>(undefined);
  const mine = evidence.items.filter((e) => e.ref === line.ref && e.period === period);
  const attach = async (file: File) => {
    const type = evidenceType(file.name);
    if (!type) return setSaid(s.evidenceTypes);
    setSaid(undefined);
    try {
      const q = `ref=${encodeURIComponent(line.ref)}&period=${encodeURIComponent(period)}&name=${encodeURIComponent(file.name)}`;
      await api(`${planPath(planId)}/evidence?${q}`, { method: 'POST', type, body: new Uint8Array(await file.arrayBuffer()) });
      await evidence.reload();
    } catch (e) {
      evidence.failed(e);
    }
  };
  return (
    <div className={styles.box}>
      {line.evidence ? <Text size={200}>{s.acceptable(line.evidence)}</Text> : null}
      {mine.length > 0 && (
        <ul className={styles.list} aria-label={s.evidenceOf(line.title)}>
          {mine.map((e) => (
            <li key={String(e.id)}>
              <EvidenceLink item={e} lang={lang} />
            </li>
          ))}
        </ul>
      )}
      <input
        type="file"
        accept={EVIDENCE_ACCEPT}
        aria-label={s.attachFor(line.title, line.ref)}
        disabled={disabled}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (f) void attach(f);
        }}
      />
      {said && <Text role="alert">{said}</Text>}
    </div>
  );
}
