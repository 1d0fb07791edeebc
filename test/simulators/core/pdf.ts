// Real invoice PDFs (pdf-lib), so download and "open the PDF" paths are tested
// with bytes a viewer accepts. The invoice number is also the document title,
// which tests read back with PDFDocument.load(...).getTitle().
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib'

export interface PdfInvoice {
  number: string
  issuedAt: string
  billTo: string[]
  lines: { label: string; totalCents: number }[]
  netCents: number
  taxCents: number
  totalCents: number
  currency: string
  issuer: string
}

export async function renderInvoicePdf(invoice: PdfInvoice): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle(invoice.number)
  doc.setSubject(`Invoice ${invoice.number} for ${invoice.billTo[0] ?? ''}`)
  doc.setAuthor(invoice.issuer)
  doc.setCreationDate(new Date(invoice.issuedAt))
  doc.setModificationDate(new Date(invoice.issuedAt))
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const page = doc.addPage([595, 842])
  let y = 790
  const line = (text: string, size = 11, f = font, x = 50): void => {
    page.drawText(winAnsi(text), { x, y, size, font: f, color: rgb(0.1, 0.1, 0.1) })
    y -= size + 8
  }
  line(invoice.issuer, 16, bold)
  line(`Invoice ${invoice.number}`, 14, bold)
  line(`Issued ${invoice.issuedAt.slice(0, 10)}`)
  y -= 10
  line('Bill to', 11, bold)
  for (const text of invoice.billTo) line(text)
  y -= 10
  for (const item of invoice.lines) line(`${item.label}  ${money(item.totalCents, invoice.currency)}`)
  y -= 10
  line(`Net ${money(invoice.netCents, invoice.currency)}`)
  line(`VAT ${money(invoice.taxCents, invoice.currency)}`)
  line(`Total ${money(invoice.totalCents, invoice.currency)}`, 12, bold)
  return doc.save()
}

function money(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`
}

/** The standard fonts only encode WinAnsi; labels may hold anything. */
function winAnsi(text: string): string {
  return text.replace(/[\u2013\u2014]/g, '-').replace(/[^\x20-\x7e\xa0-\xff]/g, '?')
}
