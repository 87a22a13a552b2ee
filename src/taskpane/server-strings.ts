// The pane's words for working with a plan server, in both languages (kept apart from i18n.ts,
// which holds the rest of the pane's words).
import { toPersianDigits } from '../core/numbers/digits';
import { isolate, ltr } from '../core/numbers/bidi';
import type { Lang } from '../runtime/plan-store';

const fd = (n: number | string): string => toPersianDigits(String(n));

const en = {
  fromServer: 'Server',
  address: 'Server address',
  token: 'Your token',
  remember: 'Remember the address and token on this computer',
  connect: 'Connect',
  connecting: 'Connecting…',
  forget: 'Forget this server',
  forgotten: 'The address and token are no longer kept on this computer.',
  plansOn: (n: number) => `${n} plan${n === 1 ? '' : 's'} on this server`,
  noPlans: 'This server holds no plan yet: the secretariat adds one first.',
  planAt: (id: string, revision: number) => `${id} (revision ${revision})`,
  openPlan: 'Open from the server',
  linked: (address: string, id: string, revision: number) => `Plan ${id} from ${address}, revision ${revision}: Sync sends what is typed to the server.`,
  newer: (mine: number, theirs: number) => `The plan changed on the server: revision ${theirs} there, ${mine} here.`,
  refresh: 'Refresh from the server',
  refreshed: (revision: number) => `Refreshed to revision ${revision}; what was typed in the sheets is kept.`,
  send: 'Send to the server',
  sending: 'Sending to the server…',
  answerTitle: "The server's answer",
  answerSummary: (a: number, k: number, r: number, revision: number) => `${a} applied, ${k} in conflict, ${r} refused: the plan is at revision ${revision}.`,
  appliedTitle: 'Applied',
  serverConflicts: 'Changed on the server meanwhile: your value stays in the sheet, and Sync sends it again over the server\u2019s',
  yoursTheirs: (yours: string, theirs: string) => `yours ${yours}, the server's ${theirs}`,
  takeServers: "Take the server's values for these",
  took: 'The sheets now show the server\u2019s values for those lines.',
  serverRefused: 'Refused by the server: the value stays in the sheet',
  pending: (id: string) => `Sent for the secretariat's review (submission ${id}). The values stay in the sheets until it is accepted.`,
  nothingSent: 'Nothing to send: the sheets were rebuilt from the server\u2019s plan.',
  signInFirst: 'Give the server address and your token.',
};

export type ServerStrings = typeof en;

const fa: ServerStrings = {
  fromServer: 'کارساز',
  address: 'نشانی کارساز',
  token: 'رمز دسترسی شما',
  remember: 'نشانی و رمز دسترسی در این رایانه به خاطر سپرده شود',
  connect: 'اتصال',
  connecting: 'در حال اتصال…',
  forget: 'فراموش کردن این کارساز',
  forgotten: 'نشانی و رمز دسترسی دیگر در این رایانه نگه داشته نمی‌شوند.',
  plansOn: (n: number) => `${fd(n)} برنامه روی این کارساز`,
  noPlans: 'این کارساز هنوز برنامه‌ای ندارد: نخست دبیرخانه برنامه را می‌افزاید.',
  planAt: (id: string, revision: number) => `${isolate(id)} (ویرایش ${fd(revision)})`,
  openPlan: 'باز کردن از کارساز',
  linked: (address: string, id: string, revision: number) => `برنامه ${isolate(id)} از ${ltr(address)}، ویرایش ${fd(revision)}: «همگام‌سازی» مقدارهای واردشده را به کارساز می‌فرستد.`,
  newer: (mine: number, theirs: number) => `برنامه روی کارساز تغییر کرده است: آنجا ویرایش ${fd(theirs)}، اینجا ${fd(mine)}.`,
  refresh: 'به‌روزرسانی از کارساز',
  refreshed: (revision: number) => `به ویرایش ${fd(revision)} به‌روز شد؛ مقدارهای واردشده در برگه‌ها حفظ شد.`,
  send: 'فرستادن به کارساز',
  sending: 'در حال فرستادن به کارساز…',
  answerTitle: 'پاسخ کارساز',
  answerSummary: (a: number, k: number, r: number, revision: number) => `${fd(a)} اعمال شد، ${fd(k)} ناسازگار، ${fd(r)} پذیرفته نشد: برنامه در ویرایش ${fd(revision)} است.`,
  appliedTitle: 'اعمال‌شده',
  serverConflicts: 'در این میان روی کارساز تغییر کرده‌اند: مقدار شما در برگه می‌ماند و «همگام‌سازی» آن را دوباره به جای مقدار کارساز می‌فرستد',
  yoursTheirs: (yours: string, theirs: string) => `مقدار شما ${yours}، مقدار کارساز ${theirs}`,
  takeServers: 'مقدارهای کارساز را برای این‌ها بپذیر',
  took: 'برگه‌ها اکنون مقدارهای کارساز را برای آن سطرها نشان می‌دهند.',
  serverRefused: 'کارساز نپذیرفت: مقدار در برگه می‌ماند',
  pending: (id: string) => `برای بررسی دبیرخانه فرستاده شد (ارسال ${isolate(id)}). مقدارها تا پذیرفته شدن در برگه‌ها می‌مانند.`,
  nothingSent: 'چیزی برای فرستادن نبود: برگه‌ها از برنامه کارساز دوباره ساخته شدند.',
  signInFirst: 'نشانی کارساز و رمز دسترسی خود را بدهید.',
};

export const SERVER_STRINGS: Record<Lang, ServerStrings> = { en, fa };
