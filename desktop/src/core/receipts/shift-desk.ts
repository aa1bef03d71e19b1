import { settingKeys, shopIdentitySchema, type Locale } from '@shop/shared';
import type { KhmerFont } from '@shop/server/invoice-typesetter';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';
import { readState } from '../local-db/state';
import type { DrawerReport, shiftKeeper } from '../pos/shifts';
import type { DocumentKind, ReceiptDocument } from './desk';
import { escposReceipt } from './escpos';
import { PrinterUnreachable, sendToPrinter } from './printer';
import { printerSettings, printerTarget } from './printer-setting';
import { shiftReportSlip } from './shift-report';
import { renderSlipBlocksHtml } from './slip-html';
import { renderSlipBlocksPdf } from './slip-pdf';
import { renderSlipBlocksBitmap } from './slip-raster';

export interface ShiftDeskOptions {
  db: LocalDb;
  shifts: ReturnType<typeof shiftKeeper>;
  khmerFont: KhmerFont;
  language: Locale;
}

/**
 * The shift's report on paper: the X report of the open shift, or the Z report of a closed one (by its id), as an
 * 80 mm page, PDF, or printed on the counter's receipt printer. Inputs come from a screen, so each is checked.
 */
export function shiftDesk(options: ShiftDeskOptions) {
  const { db, shifts } = options;
  const staffName = db.prepare('SELECT name FROM staff WHERE id = ?').pluck();
  const closedBy = db.prepare('SELECT closed_by FROM shifts WHERE id = ?').pluck();
  const setting = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const printer = printerSettings(db);

  const nameOf = (id: string) => (staffName.get(id) as string | undefined) ?? id;
  const shopName = (): string => {
    const value = setting.get(settingKeys.shopIdentity) as string | undefined;
    const shop = shopIdentitySchema.safeParse(value === undefined ? undefined : JSON.parse(value));
    return shop.success ? shop.data.name : '';
  };

  function reportOf(shiftId: unknown): DrawerReport {
    if (shiftId === undefined || shiftId === null) return shifts.xReport();
    return shifts.closedReport(shiftId);
  }

  function slip(input: unknown) {
    const fields = fieldsOf(input);
    const language = (fields.language === undefined ? options.language : fields.language) as Locale;
    if (language !== 'en' && language !== 'km') throw new PosError('invalid', 'language is en or km');
    const report = reportOf(fields.shiftId);
    const closer = report.closedAt === undefined ? null : (closedBy.get(report.shiftId) as string | null);
    const name = shopName();
    const blocks = shiftReportSlip({
      report,
      shopName: name,
      deviceName: readState(db, 'deviceName') ?? 'POS',
      openedByName: nameOf(report.openedBy),
      closedByName: closer ? nameOf(closer) : null,
      language,
    });
    const kind = report.closedAt === undefined ? 'x-report' : 'z-report';
    return {
      blocks,
      language,
      name,
      title: `${name} ${kind} ${report.shiftId}`,
      file: `${kind}-${report.shiftId}`,
    };
  }

  return {
    async shiftReportDocument(input: {
      shiftId?: string;
      as: DocumentKind;
      language?: Locale;
    }): Promise<ReceiptDocument> {
      const as = fieldsOf(input).as;
      if (as !== 'html' && as !== 'pdf') throw new PosError('invalid', 'as is one of html, pdf');
      const paper = slip(input);
      if (as === 'html')
        return { html: renderSlipBlocksHtml(paper.blocks, { title: paper.title, language: paper.language }) };
      const pdf = await renderSlipBlocksPdf(
        paper.blocks,
        { title: paper.title, author: paper.name, language: paper.language },
        options.khmerFont,
      );
      return { pdfBase64: pdf.toString('base64'), fileName: `${paper.file}.pdf` };
    },

    async printShiftReport(input: { shiftId?: string; language?: Locale }): Promise<{ printedOn: string }> {
      const paper = slip(input);
      const current = printer.current();
      const target = await printerTarget(current);
      try {
        // A report never opens the drawer: the count is done before it is printed.
        await sendToPrinter(escposReceipt(await renderSlipBlocksBitmap(paper.blocks)), target);
      } catch (error) {
        if (error instanceof PrinterUnreachable) throw new PosError('printer_unreachable', error.message);
        throw error;
      }
      return {
        printedOn:
          current.kind === 'tcp'
            ? `${current.host}:${current.port}`
            : current.kind === 'device'
              ? current.path
              : 'none',
      };
    },
  };
}

function fieldsOf(input: unknown): Record<string, unknown> {
  return input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
}
